package io.paas.controller.deploy;

import io.paas.controller.scheduler.ProcessSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What an app should run: its current release and formation, read in one transaction. */
public record DesiredState(String app, int release, String image, Map<String, String> config,
                           Map<String, String> processTypes, Map<String, Integer> formation) {
    static final int PORT = 5000;

    /** One spec per container: type.1 .. type.N for each process type of the release. */
    public List<ProcessSpec> processes() {
        List<ProcessSpec> specs = new ArrayList<>();
        if (image == null) {
            return specs;
        }
        formation.forEach((type, quantity) -> {
            String command = processTypes.get(type);
            if (command == null) {
                return;
            }
            Map<String, String> env = new TreeMap<>(config);
            env.put("PORT", Integer.toString(PORT));
            env.put("PAAS_APP", app);
            env.put("PAAS_RELEASE", "v" + release);
            for (int index = 1; index <= quantity; index++) {
                specs.add(new ProcessSpec(app, type, index, release, image, command, env, 0));
            }
        });
        return specs;
    }
}
