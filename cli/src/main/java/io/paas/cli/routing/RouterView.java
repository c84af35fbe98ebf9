package io.paas.cli.routing;

import io.paas.cli.support.Output;
import io.paas.client.Api;

import java.util.LinkedHashMap;
import java.util.Map;

/** How `paas router` and the commands that change settings print them. */
final class RouterView {
    private RouterView() {
    }

    static void print(Output out, String app, Api.RouterSettings s, boolean json) {
        if (json) {
            out.json(s);
            return;
        }
        out.heading(app + " Router");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Maintenance", s.maintenance() ? "on" : "off");
        values.put("TLS enforced", s.tlsEnforce() ? "on" : "off");
        values.put("Allowlist", s.allowlist() == null || s.allowlist().isEmpty() ? "everyone" : String.join(", ", s.allowlist()));
        values.put("connect-timeout", RouterValues.duration(s.connectTimeoutMs()));
        values.put("read-timeout", RouterValues.duration(s.readTimeoutMs()));
        values.put("idle-timeout", RouterValues.duration(s.idleTimeoutMs()));
        values.put("max-body", RouterValues.size(s.maxBodyBytes()));
        values.put("balancing", s.balancing() == null ? "default" : s.balancing());
        out.keyValues(values);
    }
}
