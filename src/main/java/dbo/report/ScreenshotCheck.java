package dbo.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * {@code jobs/check-report}'s verdict on a browser screenshot of a report: the screenshot exists, decodes,
 * and is not blank (enough non-background pixels and colours), and every {@code <img>} of the page names a
 * PNG beside it that decodes. Exit code 0 when all holds, 1 otherwise, with one line per finding.
 */
public final class ScreenshotCheck {
  /** A rendered report has text, tables and coloured plot lines; a blank or error page has almost none. */
  static final double MIN_INK = 0.005;
  static final int MIN_COLOURS = 16;

  private ScreenshotCheck() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: ScreenshotCheck SCREENSHOT.png [INDEX.html]");
      System.exit(2);
    }
    List<String> problems = new ArrayList<>(checkScreenshot(Path.of(args[0])));
    if (args.length == 2) problems.addAll(checkImages(Path.of(args[1])));
    if (problems.isEmpty()) {
      System.out.println("report renders: " + describe(Path.of(args[0])));
    } else {
      for (String p : problems) System.err.println("error: " + p);
      System.exit(1);
    }
  }

  /** What is wrong with the screenshot; empty when it is a non-blank image. */
  static List<String> checkScreenshot(Path png) throws IOException {
    if (!Files.isRegularFile(png) || Files.size(png) == 0) return List.of("no screenshot at " + png);
    BufferedImage img = ImageIO.read(png.toFile());
    if (img == null) return List.of(png + " is not a readable image");
    double ink = ink(img);
    int colours = colours(img);
    List<String> out = new ArrayList<>();
    if (ink < MIN_INK || colours < MIN_COLOURS) {
      out.add(String.format(Locale.ROOT, "screenshot %s looks blank: %.2f%% non-background pixels, %d colours",
          png, 100 * ink, colours));
    }
    return out;
  }

  /** Every {@code <img src>} of the page must be a file beside it that decodes as an image. */
  static List<String> checkImages(Path index) throws IOException {
    List<String> out = new ArrayList<>();
    String html = Files.readString(index, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
      String src = m.group(1).replace("&amp;", "&");
      Path p = index.resolveSibling(src);
      if (src.contains("://") || src.startsWith("/")) {
        out.add("image " + src + " is not a relative path");
      } else if (!Files.isRegularFile(p) || ImageIO.read(p.toFile()) == null) {
        out.add("image " + src + " is missing or not an image");
      }
    }
    if (n == 0) out.add(index + " shows no image");
    return out;
  }

  private static String describe(Path png) throws IOException {
    BufferedImage img = ImageIO.read(png.toFile());
    return String.format(Locale.ROOT, "%s %dx%d, %.1f%% non-background pixels, %d colours", png, img.getWidth(),
        img.getHeight(), 100 * ink(img), colours(img));
  }

  /** The fraction of pixels that differ from the top-left one (the page background). */
  static double ink(BufferedImage img) {
    int bg = img.getRGB(0, 0) & 0xffffff;
    long differ = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) != bg) differ++;
    }
    return (double) differ / ((long) img.getWidth() * img.getHeight());
  }

  static int colours(BufferedImage img) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        seen.add(img.getRGB(x, y) & 0xffffff);
        if (seen.size() > 100_000) return seen.size();
      }
    }
    return seen.size();
  }
}
