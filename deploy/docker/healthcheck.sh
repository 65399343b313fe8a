#!/bin/bash
# HEALTHCHECK of the mlforge image: GET /health/ready on the server's port, with nothing but bash (no curl in the
# image). Healthy when the server answers 200: started, database reachable, not closing.
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/${MLFORGE_PORT:-5000}"
printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 3 status <&3
[[ "$status" == HTTP/1.?\ 200* ]]
