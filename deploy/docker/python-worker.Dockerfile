# syntax=docker/dockerfile:1
# The mlforge server with a Python interpreter and a model's packages, for `python_function` models (scikit-learn,
# XGBoost, custom pyfunc) that the server runs in supervised Python worker processes (serving.python.*). The JVM
# side is the main image's: its Java runtime and jar are copied from it, so both images serve the same server.
#
#   docker build -f deploy/docker/Dockerfile -t mlforge:dev .
#   docker build -f deploy/docker/python-worker.Dockerfile --build-arg MLFORGE_IMAGE=mlforge:dev \
#     --build-arg REQUIREMENTS=deploy/docker/python-requirements.txt -t mlforge-python:dev .
#
# REQUIREMENTS names a pip requirements file in the build context: the default one, or the requirements.txt that
# MLflow logged next to the model (pin the versions the model was trained with).

ARG MLFORGE_IMAGE=ghcr.io/mlforge/mlforge:latest
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${MLFORGE_IMAGE} AS mlforge

FROM ${PYTHON_IMAGE} AS runtime
ARG REQUIREMENTS=deploy/docker/python-requirements.txt
LABEL org.opencontainers.image.title="mlforge-python" \
      org.opencontainers.image.description="mlforge with a Python interpreter and model packages for python_function models" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/mlforge/mlforge"

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgomp1 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 mlforge \
 && useradd --system --uid 10001 --gid mlforge --home-dir /var/lib/mlforge --shell /usr/sbin/nologin mlforge \
 && mkdir -p /var/lib/mlforge /etc/mlforge \
 && chown mlforge:mlforge /var/lib/mlforge

COPY ${REQUIREMENTS} /opt/mlforge/requirements.txt
RUN pip install --no-cache-dir --no-compile -r /opt/mlforge/requirements.txt \
 && python -c "import sklearn, pandas, cloudpickle"

COPY --from=mlforge /opt/java /opt/java
COPY --from=mlforge /opt/mlforge /opt/mlforge

ENV PATH=/opt/java/bin:$PATH \
    JAVA_HOME=/opt/java \
    HOME=/tmp \
    PYTHONDONTWRITEBYTECODE=1 \
    MLFORGE_HOST=0.0.0.0 \
    MLFORGE_PORT=5000 \
    MLFORGE_GRPC_PORT=5001 \
    MLFORGE_DATA_DIR=/var/lib/mlforge \
    MLFORGE_SERVING_PYTHON_INTERPRETER=/usr/local/bin/python3 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"

USER 10001:10001
WORKDIR /var/lib/mlforge
VOLUME ["/var/lib/mlforge", "/etc/mlforge", "/tmp"]
EXPOSE 5000 5001
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s --retries=3 CMD ["/opt/mlforge/bin/healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/opt/mlforge/mlforge.jar"]
CMD ["server"]
