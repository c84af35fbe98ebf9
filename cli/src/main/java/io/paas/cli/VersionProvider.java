package io.paas.cli;

import picocli.CommandLine;

/** The version from the jar manifest, so it is set in one place (the pom). */
class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PaasMain.class.getPackage().getImplementationVersion();
        return new String[] {"paas " + (version != null ? version : "dev")};
    }
}
