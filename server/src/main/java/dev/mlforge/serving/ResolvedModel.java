package dev.mlforge.serving;

import java.nio.file.Path;

/**
 * A model URI resolved by the registry.
 *
 * @param uri        the URI as asked for (e.g. {@code models:/fraud@champion})
 * @param modelName  the registered model's name (null for a {@code runs:/} URI)
 * @param version    the concrete version the URI points at now (null for a {@code runs:/} URI)
 * @param directory  a local directory holding the model's files (an MLflow {@code MLmodel} directory or a single
 *                   model file inside it)
 */
public record ResolvedModel(String uri, String modelName, String version, Path directory) {}
