package org.sae4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.sae4j.data.DataSources;
import org.sae4j.tensor.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sae4j info}: what is running, for bug reports and benchmark logs. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the sae4j version, JDK, machine and math backend.",
        footer = {"", "Example:", "  sae4j info"})
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        Runtime rt = Runtime.getRuntime();
        w.printf("sae4j           %s%n", Version.get());
        w.printf("JDK             %s (%s, %s)%n", System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vendor"));
        w.printf("OS              %s %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        w.printf("processors      %d%n", rt.availableProcessors());
        w.printf("max heap        %d MiB%n", rt.maxMemory() >> 20);
        w.printf("math backend    %s%n", Kernels.defaults().name());
        var dir = DataSources.defaultFashionMnistDir();
        w.printf("fashion-mnist   %s%n", java.nio.file.Files.isDirectory(dir) ? dir + " (installed)"
                : "not installed at " + dir + " (apt-get install dataset-fashion-mnist); the embedded 10k test set is used");
        return 0;
    }
}
