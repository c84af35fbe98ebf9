package io.paas.controller.problems;

/**
 * A failure a user can act on. Each kind maps to one HTTP status in {@link ProblemMapper};
 * the message is shown to the user as it is, so it says what to do.
 */
public class Problem extends RuntimeException {
    public enum Kind {
        INVALID(400, "validation_error", "Invalid request"),
        UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
        FORBIDDEN(403, "forbidden", "Forbidden"),
        NOT_FOUND(404, "not_found", "Not found"),
        CONFLICT(409, "object_exists", "Conflict"),
        UNPROCESSABLE(422, "unprocessable", "Unprocessable request"),
        TOO_MANY(429, "rate_limited", "Too many requests"),
        DEPLOY_FAILED(502, "deploy_failed", "Deploy failed"),
        UNAVAILABLE(503, "unavailable", "Service unavailable");

        public final int status;
        public final String type;
        public final String title;

        Kind(int status, String type, String title) {
            this.status = status;
            this.type = type;
            this.title = title;
        }
    }

    private final Kind kind;
    /** For {@link Kind#TOO_MANY}: when to try again, as Retry-After says it. */
    private final long retryAfterSeconds;

    public Problem(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.retryAfterSeconds = 0;
    }

    private Problem(Kind kind, String message, long retryAfterSeconds) {
        super(message);
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfterSeconds = 0;
    }

    public Kind kind() {
        return kind;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static Problem tooMany(String message, long retryAfterSeconds) {
        return new Problem(Kind.TOO_MANY, message, retryAfterSeconds);
    }

    /** User input as a message may quote it: at most 64 characters, control characters as '?'. */
    public static String shown(String input) {
        if (input == null) {
            return "";
        }
        String cut = input.length() > 64 ? input.substring(0, 64) + "..." : input;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    public static Problem invalid(String message) {
        return new Problem(Kind.INVALID, message);
    }

    public static Problem unauthorized(String message) {
        return new Problem(Kind.UNAUTHORIZED, message);
    }

    public static Problem forbidden(String message) {
        return new Problem(Kind.FORBIDDEN, message);
    }

    public static Problem notFound(String message) {
        return new Problem(Kind.NOT_FOUND, message);
    }

    public static Problem conflict(String message) {
        return new Problem(Kind.CONFLICT, message);
    }

    public static Problem unprocessable(String message) {
        return new Problem(Kind.UNPROCESSABLE, message);
    }
}
