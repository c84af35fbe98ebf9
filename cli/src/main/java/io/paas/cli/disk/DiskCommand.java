package io.paas.cli.disk;

import io.paas.cli.CliContext;
import io.paas.cli.support.JsonCommand;
import io.paas.client.Api;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Locale;

/** `paas admin:disk`: how full the platform's disk is and what of it each part of the platform's data takes. */
@Command(name = "admin:disk", mixinStandardHelpOptions = true,
        description = {"Show the free space of the disk the platform's data lies on, and what each part of that data "
                + "takes, largest first (admins): database, release images, git repositories, build caches, logs.",
                "Builds are refused while less than PAAS_BUILD_MIN_FREE (2G by default) is free; paas builds:cache:purge "
                + "empties an app's build cache."})
public class DiskCommand extends JsonCommand {
    DiskCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        Api.DiskUsage disk = client().disk();
        return printJsonOr(disk, out -> {
            out.heading("Disk of the platform's data (" + disk.home() + ")");
            out.line(size(disk.freeBytes()) + " free of " + size(disk.totalBytes()));
            out.table(List.of("PART", "SIZE", "WHERE"),
                    disk.parts().stream().map(p -> List.of(p.name(), size(p.bytes()), p.path())).toList());
        });
    }

    /** 1536 -> "1.5 KB", 3221225472 -> "3.0 GB": binary units, one decimal. */
    static String size(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
