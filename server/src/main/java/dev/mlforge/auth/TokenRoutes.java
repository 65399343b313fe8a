package dev.mlforge.auth;

import dev.mlforge.api.ErrorCode;
import dev.mlforge.api.auth.ApiToken;
import dev.mlforge.http.ApiDoc;
import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.RequestIdentity;
import dev.mlforge.http.Role;
import dev.mlforge.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code /api/v1/tokens}: a user creates (secret shown once), lists and revokes their own API tokens. */
final class TokenRoutes implements Routes {
    private static final String BASE = "/api/v1/tokens";

    private final UserService users;
    private final TokenService tokens;

    TokenRoutes(UserService users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(BASE, ctx -> {
            ApiToken.CreateRequest request = ctx.bodyAsClass(ApiToken.CreateRequest.class);
            TokenService.CreatedToken created = tokens.create(caller(ctx), request.name(), request.expiresInSeconds());
            ctx.status(201).json(new ApiToken.Created(wire(created.token()), created.secret()));
        }, Role.READ);
        routes.get(BASE, ctx -> ctx.json(new ApiToken.Page(tokens.list(caller(ctx)).stream().map(TokenRoutes::wire).toList())),
                Role.READ);
        routes.delete(BASE + "/{id}", ctx -> {
            tokens.revoke(caller(ctx), ctx.pathParam("id"));
            ctx.status(204);
        }, Role.READ);
    }

    private UserEntity caller(Context ctx) {
        RequestIdentity identity = RequestIdentity.of(ctx);
        if (!identity.authenticated()) {
            throw new MlforgeException(ErrorCode.UNAUTHENTICATED,
                    "API tokens belong to a user: start the server with --auth basic and sign in");
        }
        return users.getUser(identity.name());
    }

    static ApiToken wire(ApiTokenEntity token) {
        return new ApiToken(token.id(), token.name(), token.createdAt(), token.expiresAt(), token.revokedAt(), token.lastUsedAt());
    }

    @Override
    public List<ApiDoc> docs() {
        ApiDoc.Tag tokens = ApiDoc.tag("Tokens");
        return List.of(
                tokens.post(BASE, "Create an API token for the caller; the answer is the only time its secret is shown")
                        .request(ApiToken.CreateRequest.class).response(ApiToken.Created.class),
                tokens.get(BASE, "The caller's API tokens, oldest first, without their secrets")
                        .response(ApiToken.Page.class),
                tokens.delete(BASE + "/{id}", "Revoke one of the caller's API tokens").withoutBody()
                        .status(204, "Done, no body"));
    }
}
