package dev.mlforge.auth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The versions of what the authentication and permission caches hold: {@link Kind#GRANTS} (per-resource grants),
 * {@link Kind#IDENTITIES} (users, passwords, admin flags, API tokens) and {@link Kind#MEMBERSHIPS} (workspace members). A change made here moves its version after it
 * is stored, and is announced to the other servers sharing the store ({@link ChangeFeed}); a change announced by
 * another server moves the same version here. Cached grants are keyed by the grants version, so a lookup after a change
 * misses and reads the store again; identity caches are emptied when their version moves.
 */
final class AuthChanges {
    /** What changed. */
    enum Kind { GRANTS, IDENTITIES, MEMBERSHIPS }

    /** Carries this server's changes to the others sharing its store, and theirs back ({@link #received}). */
    interface ChangeFeed extends AutoCloseable {
        void publish(Kind kind);

        @Override
        void close();

        /** One server alone on its store: nobody to tell. */
        ChangeFeed NONE = new ChangeFeed() {
            @Override
            public void publish(Kind kind) {}

            @Override
            public void close() {}
        };
    }

    private final AtomicLong grants = new AtomicLong();
    private final AtomicLong identities = new AtomicLong();
    private final List<Runnable> identityListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> membershipListeners = new CopyOnWriteArrayList<>();
    private volatile ChangeFeed feed = ChangeFeed.NONE;

    /** Connects the feed that publishes this server's changes; {@link #received} is what it calls with the others'. */
    void connect(ChangeFeed feed) {
        this.feed = feed;
    }

    long grants() {
        return grants.get();
    }

    /** Runs {@code forget} whenever identities change, here or on another server. */
    void onIdentitiesChanged(Runnable forget) {
        identityListeners.add(forget);
    }

    /** Runs {@code forget} whenever another server changes a workspace membership. */
    void onMembershipsChanged(Runnable forget) {
        membershipListeners.add(forget);
    }

    /** A change stored by this server: moves its version here and tells the other servers. */
    void changed(Kind kind) {
        received(kind);
        feed.publish(kind);
    }

    /** A change another server stored (or one whose announcement may have been missed): moves its version. */
    void received(Kind kind) {
        if (kind == Kind.GRANTS) {
            grants.incrementAndGet();
        } else if (kind == Kind.MEMBERSHIPS) {
            membershipListeners.forEach(Runnable::run);
        } else {
            identities.incrementAndGet();
            identityListeners.forEach(Runnable::run);
        }
    }
}
