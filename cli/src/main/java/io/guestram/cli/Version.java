package io.guestram.cli;

import picocli.CommandLine.IVersionProvider;

final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"guestram " + (v == null ? "development build" : v),
            "Java " + System.getProperty("java.version")};
    }
}
