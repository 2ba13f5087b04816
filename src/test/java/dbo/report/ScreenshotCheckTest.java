package dbo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreenshotCheckTest {
  @TempDir Path dir;

  @Test
  void blankMissingAndBrokenAreCaught() throws IOException {
    BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blank.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 200, 200);
    ImageIO.write(blank, "png", dir.resolve("blank.png").toFile());
    assertEquals(1, ScreenshotCheck.checkScreenshot(dir.resolve("blank.png")).size());
    assertEquals(1, ScreenshotCheck.checkScreenshot(dir.resolve("missing.png")).size());

    for (int i = 0; i < 40; i++) {
      g.setColor(new Color(Color.HSBtoRGB(i / 40f, 0.8f, 0.8f)));
      g.fillRect(5 * i, 0, 5, 20 + 4 * i);
    }
    ImageIO.write(blank, "png", dir.resolve("drawn.png").toFile());
    assertTrue(ScreenshotCheck.checkScreenshot(dir.resolve("drawn.png")).isEmpty());

    Files.writeString(dir.resolve("index.html"), "<img src=\"drawn.png\"><img src=\"gone.png\">");
    assertEquals(1, ScreenshotCheck.checkImages(dir.resolve("index.html")).size());
    Files.writeString(dir.resolve("index.html"), "<p>no images</p>");
    assertEquals(1, ScreenshotCheck.checkImages(dir.resolve("index.html")).size());
  }
}
