package dev.mlforge.app;

import dev.mlforge.registry.LineageService;
import dev.mlforge.serving.DeploymentRecorder;
import dev.mlforge.serving.ResolvedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records in the registry's lineage each registered version serving puts behind a deployment ({@code runs:/}
 * models have no version and are skipped). Never throws: a failure is logged, as serving requires.
 */
public final class RegistryDeploymentRecorder implements DeploymentRecorder {
    private static final Logger log = LoggerFactory.getLogger(RegistryDeploymentRecorder.class);

    private final LineageService lineage;

    public RegistryDeploymentRecorder(LineageService lineage) {
        this.lineage = lineage;
    }

    @Override
    public void deployed(String deployment, String role, ResolvedModel model) {
        if (model.modelName() == null || model.version() == null) {
            return;
        }
        try {
            lineage.recordDeployment(model.modelName(), model.version(), deployment);
        } catch (RuntimeException e) {
            log.warn("Could not record deployment {} of {} version {} in the lineage", deployment, model.modelName(),
                    model.version(), e);
        }
    }
}
