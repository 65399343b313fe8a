package dev.mlforge.app;

import dev.mlforge.registry.LineageService;
import dev.mlforge.serving.DeploymentRecorder;
import dev.mlforge.serving.ResolvedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Records in the registry's lineage which model version serves behind which deployment. */
final class RegistryDeploymentRecorder implements DeploymentRecorder {
    private static final Logger log = LoggerFactory.getLogger(RegistryDeploymentRecorder.class);

    private final LineageService lineage;

    RegistryDeploymentRecorder(LineageService lineage) {
        this.lineage = lineage;
    }

    @Override
    public void deployed(String deployment, String role, ResolvedModel model) {
        if (model.modelName() == null || model.version() == null) {
            return; // a runs:/ model is no registered version: there is no lineage node to attach it to
        }
        try {
            lineage.recordDeployment(model.modelName(), model.version(), deployment);
        } catch (RuntimeException e) {
            // serving already took traffic with this model; a lineage failure must not undo that
            log.warn("Could not record that {} v{} serves as {} of deployment {}", model.modelName(), model.version(),
                    role, deployment, e);
        }
    }
}
