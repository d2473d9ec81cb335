package io.nicsim.bench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --bind} and {@code --secret-file} flags of every command that joins a cluster. */
public final class ClusterBind {

    @Option(names = "--bind", paramLabel = "HOST[:PORT]",
            description = "the address this node listens on (default 127.0.0.1, the first free port from 5701);"
                    + " never every interface unless named")
    String bind;

    @Option(names = "--secret-file", paramLabel = "FILE",
            description = "a file holding the cluster's shared secret (at least 16 bytes, readable by you alone);"
                    + " required for a non-loopback --bind: nodes without it can neither join nor send results")
    Path secretFile;

    /**
     * @param membersFlag {@code --join} or {@code --cluster}
     * @param members     its value
     * @return the checked options
     * @throws BadInput with the one line naming what is wrong
     */
    io.nicsim.bench.cluster.ClusterOptions options(String membersFlag, String members) throws BadInput {
        try {
            return io.nicsim.bench.cluster.ClusterOptions.parse(membersFlag, members, bind, secretFile);
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage(), e);
        }
    }
}
