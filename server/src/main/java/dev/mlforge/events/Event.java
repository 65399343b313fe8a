package dev.mlforge.events;

import java.time.Instant;

/** Something that happened in the platform, published on the {@link EventBus}. Features define records that implement it. */
public interface Event {
    /** When it happened. */
    Instant time();
}
