package dev.mlforge.http;

/** What a {@link DataPlaneRoute} reads of its request and adds to its answer, whichever path carried it. */
public interface DataPlaneExchange {
    /** A path parameter of the route, or null when the route has none of that name. */
    String pathParam(String name);

    /** A request header's value, or null when absent. */
    String header(String name);

    /** The request's Content-Type header, or null. */
    String contentType();

    /** The declared body length, or -1 when unknown (chunked). */
    long contentLength();

    /** The whole request body (the door's size limit already applies). */
    byte[] body();

    /** Sets an answer header; it is sent with errors too. */
    void answerHeader(String name, String value);
}
