package io.nicsim.bench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes and reads summary.json; writing goes through a temporary file, so a reader never sees half a file. */
public final class SummaryWriter {

    public static final String FILE_NAME = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // later versions add keys

    private SummaryWriter() {
    }

    public static Path write(Summary summary, Path runDir) throws IOException {
        Path target = runDir.resolve(FILE_NAME);
        Path temporary = runDir.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(temporary.toFile(), summary);
        return Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a summary and checks it ({@link SummaryCheck}).
     *
     * @throws UnusableFile one line naming the file and what is wrong: not JSON, a wrong type, a missing key, counts
     *                      that do not balance
     */
    public static Summary read(Path summaryJson) throws IOException {
        Summary summary;
        try {
            summary = JSON.readValue(summaryJson.toFile(), Summary.class);
        } catch (JsonProcessingException e) {
            throw new UnusableFile(SummaryCheck.describe(summaryJson, e), e);
        }
        String problem = SummaryCheck.problem(summaryJson, summary);
        if (problem != null) {
            throw new UnusableFile(problem);
        }
        return summary;
    }
}
