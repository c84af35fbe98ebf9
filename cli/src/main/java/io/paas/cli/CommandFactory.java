package io.paas.cli;

import picocli.CommandLine;

import java.lang.reflect.Constructor;

/** Lets picocli build commands through a constructor taking the CliContext (constructor injection). */
class CommandFactory implements CommandLine.IFactory {
    private final CliContext ctx;

    CommandFactory(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
            constructor.setAccessible(true);
            return constructor.newInstance(ctx);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
    }
}
