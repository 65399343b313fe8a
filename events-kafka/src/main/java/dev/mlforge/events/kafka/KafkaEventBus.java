package dev.mlforge.events.kafka;

import dev.mlforge.events.Event;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.EventWorkspaces;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus on a Kafka topic. {@link #publish} sends the event keyed by its entity (per-entity order), with the
 * workspace it was published in ({@link #carryWorkspaces}), which each server reading it delivers it in. Two
 * consumer threads read it:
 * <ul>
 *   <li>for {@link #subscribe} (work done once: webhooks, retraining), a consumer in the group {@code group-id} hands
 *       each record to the matching subscribers and commits its offset only once they all returned, so a restarted
 *       server resumes after the last event it handled (at least once: an event being handled when the server died is
 *       handled again). Replicas sharing the group id split the partitions, so each event is handled by one of them.
 *       A new group starts at the end of the topic (old events are not replayed to a new server);</li>
 *   <li>for {@link #subscribeOnEveryServer} (state each server keeps: deployments following an alias), a consumer
 *       without a group reads every partition from the end of the topic at start, so every replica sees every event
 *       from the moment it started, and commits nothing.</li>
 * </ul>
 * A subscriber that throws gets the event again up to {@value #ATTEMPTS} times, then the event is logged and skipped
 * so one bad event cannot stop the bus.
 */
public final class KafkaEventBus implements EventBus {
    private static final Logger log = LoggerFactory.getLogger(KafkaEventBus.class);
    static final int ATTEMPTS = 3;

    private record Subscription(Class<? extends Event> type, Consumer<Event> listener) {}

    private final KafkaSettings settings;
    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Subscription> everywhere = new CopyOnWriteArrayList<>();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final CountDownLatch broadcastAssigned = new CountDownLatch(1);
    private final Duration retryBackoff;
    private volatile boolean closed;
    /** Writes and reads the workspace of each event; null until the application hands it over (records carry none). */
    private volatile EventWorkspaces workspaces;
    private Loop shared;
    private Loop broadcast;

    KafkaEventBus(KafkaSettings settings, Duration retryBackoff) {
        this.settings = settings;
        this.retryBackoff = retryBackoff;
        createTopic();
        Properties props = common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(props);
    }

    private Properties common() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "mlforge-" + settings.groupId());
        return props;
    }

    /** Creates the topic with the broker's default partitions and replication when missing; fails when unreachable. */
    private void createTopic() {
        Properties props = common();
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) settings.connectTimeout().toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.connectTimeout().toMillis());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(settings.topic(), Optional.empty(), Optional.empty())))
                    .all().get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create Kafka topic '" + settings.topic() + "' on "
                        + settings.bootstrapServers() + " (events.kafka.bootstrap-servers): " + e.getCause().getMessage(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + settings.bootstrapServers() + " did not answer within "
                    + settings.connectTimeout().toSeconds() + " s (events.kafka.bootstrap-servers)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topic " + settings.topic(), e);
        }
    }

    @Override
    public void publish(Event event) {
        if (closed) {
            log.warn("Event bus closed; dropped {}", event);
            return;
        }
        Optional<String> type = EventCodec.typeOf(event);
        if (type.isEmpty()) {
            log.error("Event {} has no type on the Kafka topic; dropped (add it to EventCodec)", event);
            return;
        }
        EventWorkspaces homes = workspaces;
        byte[] value = codec.encode(event, homes == null ? null : homes.of(event));
        producer.send(new ProducerRecord<>(settings.topic(), EventCodec.key(event), value),
                (metadata, error) -> {
                    if (error != null) {
                        log.error("Could not publish {} to Kafka topic {}", event, settings.topic(), error);
                    }
                });
    }

    @Override
    public void carryWorkspaces(EventWorkspaces workspaces) {
        this.workspaces = workspaces;
    }

    /** Waits until sent events are acknowledged by the broker (tests; close does it too). */
    void flush() {
        producer.flush();
    }

    @Override
    public <E extends Event> AutoCloseable subscribe(Class<E> type, Consumer<? super E> listener) {
        return add(subscriptions, type, listener);
    }

    @Override
    public <E extends Event> AutoCloseable subscribeOnEveryServer(Class<E> type, Consumer<? super E> listener) {
        return add(everywhere, type, listener);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Event> AutoCloseable add(List<Subscription> list, Class<E> type, Consumer<? super E> listener) {
        Subscription subscription = new Subscription(type, event -> listener.accept((E) event));
        list.add(subscription);
        return () -> list.remove(subscription);
    }

    @Override
    public synchronized void start() {
        if (shared != null || closed) {
            return;
        }
        Properties props = consumerProperties();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        shared = new Loop("mlforge-events-kafka", new KafkaConsumer<>(props), subscriptions, true);
        shared.start();
        broadcast = new Loop("mlforge-events-kafka-all", new KafkaConsumer<>(consumerProperties()), everywhere, false);
        broadcast.start();
    }

    private Properties consumerProperties() {
        Properties props = common();
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** True once both consumers hold their partitions (a subscriber sees events published after this). */
    boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
                && broadcastAssigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One consumer and its thread. The shared loop is in the consumer group and commits each record after its
     * subscribers returned; the broadcast loop reads every partition without a group from the end of the topic
     * (at its start) and commits nothing, so every server sees every event from the moment it started.
     */
    private final class Loop {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<Subscription> targets;
        private final boolean grouped;
        private final Thread thread;

        Loop(String name, KafkaConsumer<String, byte[]> consumer, List<Subscription> targets, boolean grouped) {
            this.consumer = consumer;
            this.targets = targets;
            this.grouped = grouped;
            this.thread = new Thread(this::consume, name);
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void consume() {
            try {
                if (grouped) {
                    consumer.subscribe(List.of(settings.topic()), new ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

                        @Override
                        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                            // a new group's position is resolved lazily: fix it now so "latest" means "from this moment"
                            partitions.forEach(consumer::position);
                            assigned.countDown();
                        }
                    });
                } else {
                    List<TopicPartition> partitions = partitions();
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position);
                    broadcastAssigned.countDown();
                }
                while (!closed) {
                    try {
                        if (!pollOnce()) {
                            return; // closing in the middle of retries: leave the offset uncommitted
                        }
                    } catch (WakeupException e) {
                        throw e;
                    } catch (RuntimeException e) {
                        // e.g. a commit refused after a rebalance: the next poll resumes from the committed offset
                        log.error("Kafka event consumer failed; polling again from the last committed offset", e);
                        Thread.sleep(1000);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (WakeupException e) {
                // close() woke the poll
            } catch (RuntimeException e) {
                log.error("Kafka event consumer stopped", e);
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        /** The topic's partitions, waiting while a topic just created has none in the metadata yet. */
        private List<TopicPartition> partitions() throws InterruptedException {
            while (true) {
                List<TopicPartition> partitions = consumer.partitionsFor(settings.topic(), settings.connectTimeout())
                        .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                if (!partitions.isEmpty() || closed) {
                    return partitions;
                }
                Thread.sleep(100);
            }
        }

        /** Polls once and hands each record to the subscribers, committing it after them; false when closing. */
        private boolean pollOnce() {
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    if (!handle(record, targets)) {
                        return false;
                    }
                    if (grouped) {
                        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
                    }
                }
            }
            return true;
        }

        void stop() {
            consumer.wakeup();
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Hands the record to its subscribers; false when the bus closed before they all succeeded. */
    private boolean handle(ConsumerRecord<String, byte[]> record, List<Subscription> targets) {
        Optional<EventCodec.Received> decoded;
        try {
            decoded = codec.decode(record.value());
        } catch (Exception e) {
            log.error("Skipped unreadable record at {}-{} offset {}", record.topic(), record.partition(), record.offset(), e);
            return true;
        }
        if (decoded.isEmpty()) {
            log.warn("Skipped a record of an unknown type or version at {}-{} offset {}", record.topic(),
                    record.partition(), record.offset());
            return true;
        }
        Event event = decoded.get().event();
        EventWorkspaces homes = workspaces;
        if (homes != null && decoded.get().workspace() != null) {
            homes.received(event, decoded.get().workspace());
        }
        for (Subscription subscription : targets) {
            if (!subscription.type().isInstance(event)) {
                continue;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    subscription.listener().accept(event);
                    break;
                } catch (RuntimeException e) {
                    if (attempt >= ATTEMPTS) {
                        log.error("Subscriber of {} failed {} times on {}; skipped", subscription.type().getSimpleName(),
                                attempt, event, e);
                        break;
                    }
                    log.warn("Subscriber of {} failed on {}; retrying", subscription.type().getSimpleName(), event, e);
                    try {
                        Thread.sleep(retryBackoff.toMillis() * attempt);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    if (closed) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        Loop[] running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new Loop[] {shared, broadcast};
        }
        try {
            producer.close(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            log.warn("Kafka producer did not close cleanly", e);
        }
        for (Loop loop : running) {
            if (loop != null) {
                loop.stop();
            }
        }
    }
}
