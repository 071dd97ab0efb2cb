package io.inlet.bench;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders a report again from the raw figures a pipeline run saved ({@code bench/results/<name>.json}):
 * {@code bin/bench report bench/results/<name>.json} rewrites {@code <name>.md} and {@code <name>.png}
 * (after a change to the report's format, without running the benchmark again). A file {@code <name>.notes.md}
 * beside it, if any, is the analysis a person wrote after the run; it goes into the report as is.
 */
public final class ReportMain {

    static final ObjectMapper JSON = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].endsWith(".json")) {
            System.err.println("Usage: bin/bench report bench/results/<name>.json");
            System.exit(2);
        }
        Path json = Path.of(args[0]);
        Results r = JSON.readValue(json.toFile(), Results.class);
        String name = json.getFileName().toString().replaceFirst("\\.json$", "");
        String date = name.length() >= 10 ? name.substring(0, 10) : name;
        String title = Report.title(r, date);
        String chart = null;
        if (!r.measurements.isEmpty()) {
            Path png = json.resolveSibling(name + ".png");
            Chart.write(r, title, png);
            chart = png.getFileName().toString();
        }
        Path md = json.resolveSibling(name + ".md");
        Path notes = json.resolveSibling(name + ".notes.md");
        Files.writeString(md, Report.render(r, title, chart, Files.exists(notes) ? Files.readString(notes) : null));
        System.out.println("Wrote " + md + (chart == null ? "" : " and " + chart));
    }
}
