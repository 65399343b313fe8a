package dev.mlforge.store;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reruns a PostgreSQL transaction that failed only because of another one: chosen as the victim of a deadlock
 * (SQLSTATE 40P01) or failing serialization (40001). PostgreSQL rolled it back whole, so running it again is what
 * the client would have had to do; before this it answered 500. Any other failure, and the last attempt's, is thrown
 * as it is.
 */
final class TransientConflicts {
    private static final Logger log = LoggerFactory.getLogger(TransientConflicts.class);
    private static final Set<String> RETRYABLE_STATES = Set.of("40P01", "40001");
    static final int ATTEMPTS = 5;
    /** The first pause; each next one doubles, and each is jittered by up to half so the two sides part. */
    private static final long FIRST_PAUSE_MILLIS = 10;
    /** How deep the causes are searched: a chain that loops back on itself ends here. */
    private static final int MAX_CAUSES = 16;

    /** A transaction to run: the whole of it, so that a rerun starts from nothing. */
    interface Transaction<R, X extends Exception> {
        R run() throws X;
    }

    private TransientConflicts() {
    }

    static <R, X extends Exception> R retry(Transaction<R, X> transaction) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.run();
            } catch (Exception failure) {
                String state = retryableState(failure);
                if (state == null) {
                    throw failure;
                }
                if (attempt == ATTEMPTS) {
                    log.warn("PostgreSQL transaction failed with SQLSTATE {} on each of {} attempts; giving up", state, ATTEMPTS);
                    throw failure;
                }
                long pause = pause(attempt);
                log.debug("PostgreSQL transaction failed with SQLSTATE {} (attempt {} of {}); running it again in {} ms",
                        state, attempt, ATTEMPTS, pause);
                if (!sleep(pause)) {
                    throw failure;
                }
            }
        }
    }

    /** The deadlock or serialization SQLSTATE anywhere in the causes of {@code failure}; null when there is none. */
    static String retryableState(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && RETRYABLE_STATES.contains(sql.getSQLState())) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static long pause(int attempt) {
        long base = FIRST_PAUSE_MILLIS << (attempt - 1);
        return base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
    }

    /** False when interrupted (the interrupt is kept): the caller then gives up. */
    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
