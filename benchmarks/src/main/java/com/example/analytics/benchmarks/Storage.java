package com.example.analytics.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * What an application stored: bytes in its changelog and repartition topics on the broker (what a restore reads
 * and what the broker writes per input record) and bytes of its state directory on disk.
 */
record Storage(long changelogBytes, long repartitionBytes, long stateDirBytes) {

    static Storage of(Admin admin, String applicationId, Path stateDir) {
        long changelog = 0;
        long repartition = 0;
        try {
            for (var broker : admin.describeLogDirs(admin.describeCluster().nodes().get().stream()
                    .map(node -> node.id()).toList()).allDescriptions().get().values()) {
                for (LogDirDescription dir : broker.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> replica : dir.replicaInfos().entrySet()) {
                        String topic = replica.getKey().topic();
                        if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")) {
                            changelog += replica.getValue().size();
                        } else if (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")) {
                            repartition += replica.getValue().size();
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the broker's log dirs", e);
        }
        return new Storage(changelog, repartition, bytesUnder(stateDir));
    }

    String describe(long records) {
        return String.format("stored: changelogs %.1f MB (%.0f B per input record), repartition %.1f MB, "
                        + "state dir %.1f MB", changelogBytes / 1e6, changelogBytes / (double) Math.max(1, records),
                repartitionBytes / 1e6, stateDirBytes / 1e6);
    }

    private static long bytesUnder(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // RocksDB deletes files while it compacts
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return total[0];
    }
}
