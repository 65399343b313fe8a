package dev.mlforge.cli;

/** A demo stage could not complete; the message says what went wrong, in the user's terms. */
final class DemoFailure extends RuntimeException {
    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
