package dev.mlforge.serving;

import java.util.Map;

/**
 * A deployment as it runs now: {@code versions} maps each role ({@code primary}, {@code canary}, {@code shadow})
 * to the loaded version; {@code ready} is false until its models are loaded; {@code error} says why a load failed.
 */
public record DeploymentStatus(Deployment deployment, boolean ready, Map<String, String> versions, String error) {}
