package dev.mlforge.auth;

import dev.mlforge.http.MlforgeException;
import dev.mlforge.http.Role;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a user may do with one experiment or registered model, with MLflow's names and meanings
 * ({@code mlflow/server/auth/permissions.py}): each permission includes the ones before it, except NO_PERMISSIONS.
 */
public enum Permission {
    NO_PERMISSIONS(false, false, false, false, false),
    READ(true, false, false, false, false),
    USE(true, true, false, false, false),
    EDIT(true, true, true, false, false),
    MANAGE(true, true, true, true, true);

    private final boolean canRead;
    private final boolean canUse;
    private final boolean canUpdate;
    private final boolean canDelete;
    private final boolean canManage;

    Permission(boolean canRead, boolean canUse, boolean canUpdate, boolean canDelete, boolean canManage) {
        this.canRead = canRead;
        this.canUse = canUse;
        this.canUpdate = canUpdate;
        this.canDelete = canDelete;
        this.canManage = canManage;
    }

    /** The permission named {@code name}, or INVALID_PARAMETER_VALUE with MLflow's message. */
    public static Permission parse(String name) {
        for (Permission permission : values()) {
            if (permission.name().equals(name)) {
                return permission;
            }
        }
        throw MlforgeException.invalidParameter("Invalid permission '" + name + "'. Valid permissions are: ("
                + Arrays.stream(new Permission[] {READ, USE, EDIT, MANAGE, NO_PERMISSIONS})
                        .map(permission -> "'" + permission.name() + "'").collect(Collectors.joining(", ")) + ")");
    }

    /**
     * The route role this permission stands for where no resource decides (READ or USE: READ; EDIT or MANAGE: WRITE;
     * NO_PERMISSIONS: none), as the default permission or a workspace membership.
     */
    public Role role() {
        return switch (this) {
            case NO_PERMISSIONS -> Role.PUBLIC;
            case READ, USE -> Role.READ;
            case EDIT, MANAGE -> Role.WRITE;
        };
    }

    public boolean allows(Action action) {
        return switch (action) {
            case READ -> canRead;
            case USE -> canUse;
            case UPDATE -> canUpdate;
            case DELETE -> canDelete;
            case MANAGE -> canManage;
        };
    }

    /** What a request does to a resource, as MLflow's validators ask ({@code can_read}, {@code can_update}...). */
    public enum Action {
        READ,
        USE,
        UPDATE,
        DELETE,
        MANAGE
    }
}
