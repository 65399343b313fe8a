package dev.mlforge.http;

import io.javalin.http.Context;

/** A data-plane request the router carried (see {@link DataPlaneRoute}). */
final class ContextExchange implements DataPlaneExchange {
    private final Context ctx;

    ContextExchange(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public String pathParam(String name) {
        return ctx.pathParamMap().get(name);
    }

    @Override
    public String header(String name) {
        return ctx.header(name);
    }

    @Override
    public String contentType() {
        return ctx.contentType();
    }

    @Override
    public long contentLength() {
        return ctx.contentLength();
    }

    @Override
    public byte[] body() {
        return ctx.bodyAsBytes();
    }

    @Override
    public void answerHeader(String name, String value) {
        ctx.header(name, value);
    }
}
