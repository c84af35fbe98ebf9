package io.paas.controller.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paas.controller.platform.PlatformSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which stacks are on the platform: those whose build and run images (paas/stack-build:NAME and
 * paas/stack-run:NAME) are in its registry, where the builder takes them from. Asked each time, so a
 * stack an operator adds (infra/platform.sh stack NAME) is there without a restart.
 */
@ApplicationScoped
public class StackImages {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final String registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    public StackImages(PlatformSettings settings) {
        this.registry = settings.registry();
    }

    /** The stacks with both images, sorted; empty when the registry cannot be read. */
    public List<String> available() {
        Set<String> both = new TreeSet<>(tags("paas/stack-build"));
        both.retainAll(tags("paas/stack-run"));
        return new ArrayList<>(both);
    }

    private List<String> tags(String repository) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/tags/list"))
                .timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return List.of();
            }
            List<String> tags = new ArrayList<>();
            JsonNode list = json.readTree(response.body()).path("tags");
            list.forEach(tag -> tags.add(tag.asText()));
            return tags;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
