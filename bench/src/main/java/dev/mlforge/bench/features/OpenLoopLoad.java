package dev.mlforge.bench.features;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * An HTTP/1.1 load generator over keep-alive loopback connections, open-loop like wrk2 and vegeta: at a fixed rate,
 * request {@code i} is due at {@code start + i / rate} (dealt round-robin to the connections), and its latency is
 * counted from that due time, not from when it was sent. A server that stalls is charged for every request that
 * queued behind the stall (the correction for coordinated omission), instead of the stall holding the client back
 * and hiding them. At rate 0 it is closed-loop (each connection sends its next request when the answer arrives), the
 * saturation figure wrk reports. Every latency is kept and sorted: the percentiles are exact.
 */
final class OpenLoopLoad {
    /**
     * One run: requests answered 200, other answers or failures, wall seconds, the sorted latencies, and when the
     * slowest request was due (epoch milliseconds, to find its cause in the server's and the generator's logs).
     */
    record Result(int ok, int errors, double seconds, long[] sortedNanos, long worstDueEpochMillis) {
        double perSecond() {
            return ok / seconds;
        }

        /** The latency at {@code quantile} (0.99 for p99), in milliseconds. */
        double millis(double quantile) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }

        double maxMillis() {
            return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
        }
    }

    private OpenLoopLoad() {}

    /**
     * POSTs {@code bodies} (in turn, each connection from its own offset) to {@code path} for {@code seconds};
     * {@code rate} requests per second over all connections, or 0 for closed-loop.
     */
    static Result run(int port, String path, List<byte[]> bodies, int connections, double rate, double seconds)
            throws Exception {
        return run(port, path, "", bodies, connections, rate, seconds);
    }

    /** As {@link #run(int, String, List, int, double, double)}, with {@code headers} ("Name: value\r\n" each) added. */
    static Result run(int port, String path, String headers, List<byte[]> bodies, int connections, double rate,
            double seconds) throws Exception {
        byte[][] requests = requests(port, path, headers, bodies);
        // Every connection is built and opened before the clock starts: built after it (each copying every request,
        // as before), the last connections started behind their schedule and were charged for it.
        List<Connection> built = new ArrayList<>(connections);
        for (int c = 0; c < connections; c++) {
            built.add(new Connection(port, requests, c, connections, rate));
        }
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        try {
            for (Connection connection : built) {
                connection.open();
            }
            long start = System.nanoTime() + 20_000_000L; // every thread started before the first request is due
            long end = start + (long) (seconds * 1e9);
            long startEpochMillis = System.currentTimeMillis() + 20;
            List<Future<Connection>> running = new ArrayList<>();
            for (Connection connection : built) {
                running.add(threads.submit((Callable<Connection>) () -> connection.drive(start, end)));
            }
            int ok = 0;
            int errors = 0;
            long[] all = new long[0];
            long worst = -1;
            long worstDue = start;
            for (Future<Connection> future : running) {
                Connection done = future.get();
                ok += done.count;
                errors += done.errors;
                int from = all.length;
                all = Arrays.copyOf(all, from + done.count);
                System.arraycopy(done.latencies, 0, all, from, done.count);
                if (done.worst > worst) {
                    worst = done.worst;
                    worstDue = done.worstDue;
                }
            }
            Arrays.sort(all);
            return new Result(ok, errors, (Math.max(System.nanoTime(), end) - start) / 1e9, all,
                    startEpochMillis + (worstDue - start) / 1_000_000);
        } finally {
            threads.shutdownNow();
        }
    }

    /** Every request's bytes (head and body), made once and shared by the connections. */
    private static byte[][] requests(int port, String path, String headers, List<byte[]> bodies) {
        byte[][] requests = new byte[bodies.size()][];
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i);
            byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + body.length + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII);
            requests[i] = Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, requests[i], head.length, body.length);
        }
        return requests;
    }

    /** One keep-alive connection and the requests dealt to it. */
    private static final class Connection {
        private final int port;
        private final byte[][] requests;
        private final int index;
        private final int connections;
        private final long periodNanos;
        private long[] latencies = new long[1024];
        private int count;
        private int errors;
        private long worst = -1;
        private long worstDue;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(int port, byte[][] requests, int index, int connections, double rate) {
            this.port = port;
            this.index = index;
            this.connections = connections;
            this.periodNanos = rate > 0 ? (long) (1e9 / rate) : 0;
            this.requests = requests;
        }

        Connection drive(long start, long end) throws IOException {
            try {
                for (long k = 0; ; k++) {
                    long due = periodNanos > 0 ? start + (k * connections + index) * periodNanos : Math.max(start, System.nanoTime());
                    if (due >= end) {
                        return this;
                    }
                    waitUntil(due);
                    boolean answered = exchange(requests[(int) ((k * 7 + index * 131) % requests.length)]);
                    long latency = System.nanoTime() - due;
                    if (answered) {
                        record(latency);
                        if (latency > worst) {
                            worst = latency;
                            worstDue = due;
                        }
                    } else {
                        errors++;
                    }
                }
            } finally {
                socket.close();
            }
        }

        private static void waitUntil(long due) {
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        /** Sends one request and reads its answer; false (and a new connection) when it was not a 200. */
        private boolean exchange(byte[] request) throws IOException {
            try {
                out.write(request);
                out.flush();
                int status = readAnswer();
                return status == 200;
            } catch (IOException e) {
                socket.close();
                open();
                return false;
            }
        }

        /** Reads a status line, headers and a Content-Length body; returns the status. */
        private int readAnswer() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(header.substring(colon + 1).trim());
                } else if (name.equalsIgnoreCase("Connection") && header.toLowerCase().contains("close")) {
                    close = true;
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    throw new IOException("chunked answers are not read by this generator");
                }
            }
            if (length < 0) {
                throw new IOException("an answer without Content-Length: " + statusLine);
            }
            in.skipNBytes(length);
            if (close) {
                socket.close();
                open();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("the connection closed mid-answer");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private void record(long latency) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = latency;
        }
    }
}
