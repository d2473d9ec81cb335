package io.nicsim.bench.report;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a report page needs nothing but itself: embedded PNG charts that decode, nothing fetched. */
public final class SelfContainedHtml {

    private static final Pattern IMG = Pattern.compile("<img\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SRC = Pattern.compile("\\bsrc=\"([^\"]*)\"");
    private static final Pattern URL_ATTRIBUTE = Pattern.compile(
            "\\b(src|href|action|poster|data)\\s*=\\s*[\"']?\\s*([^\"'\\s>]*)", Pattern.CASE_INSENSITIVE);
    private static final String PNG = "data:image/png;base64,";

    private SelfContainedHtml() {
    }

    /** A decoded chart's size. */
    public record Image(int width, int height) {
    }

    /**
     * Asserts the page is self-contained and returns its charts.
     */
    public static List<Image> check(Path html) throws Exception {
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("</html>");
        Matcher attributes = URL_ATTRIBUTE.matcher(page);
        while (attributes.find()) {
            String value = attributes.group(2).toLowerCase(java.util.Locale.ROOT);
            assertThat(value).as("%s=%s", attributes.group(1), attributes.group(2))
                    .doesNotStartWith("http:").doesNotStartWith("https:").doesNotStartWith("//")
                    .doesNotStartWith("ftp:").doesNotStartWith("file:");
        }
        assertThat(page).as("no scripts, stylesheets or imports to fetch").doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("<iframe");
        List<Image> images = new ArrayList<>();
        Matcher img = IMG.matcher(page);
        while (img.find()) {
            Matcher src = SRC.matcher(img.group());
            assertThat(src.find()).as("img with a src: %s", img.group()).isTrue();
            assertThat(src.group(1)).startsWith(PNG);
            byte[] png = Base64.getDecoder().decode(src.group(1).substring(PNG.length()));
            java.awt.image.BufferedImage decoded = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
            assertThat(decoded).as("a PNG that decodes").isNotNull();
            assertThat(decoded.getWidth()).isPositive();
            assertThat(decoded.getHeight()).isPositive();
            assertThat(distinctColours(decoded)).as("a drawn chart, not a blank image").isGreaterThan(8);
            images.add(new Image(decoded.getWidth(), decoded.getHeight()));
        }
        return images;
    }

    private static int distinctColours(java.awt.image.BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
                if (colours.size() > 64) {
                    return colours.size();
                }
            }
        }
        return colours.size();
    }
}
