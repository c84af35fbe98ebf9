package io.paas.controller.problems;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * A path or query with a control character (a NUL most of all) names nothing here: refused before any
 * route looks it up, so that no lookup hands one to the database.
 */
public class PathCheck {
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseControlCharacters(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        String query = request.getUriInfo().getRequestUri().getQuery();
        if (hasControl(path) || hasControl(query)) {
            return Optional.of(ProblemMapper.answer(400, "validation_error", "Invalid request",
                    "the path or query holds a control character: no name here has one"));
        }
        return Optional.empty();
    }

    private static boolean hasControl(String text) {
        return text != null && text.chars().anyMatch(Character::isISOControl);
    }
}
