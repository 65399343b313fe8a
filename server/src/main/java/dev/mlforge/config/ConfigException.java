package dev.mlforge.config;

/** A configuration value that cannot be used; the message names the key and its source. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
