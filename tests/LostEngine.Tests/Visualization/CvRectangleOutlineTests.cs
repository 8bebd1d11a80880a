using LostEngine.Visualization;

namespace LostEngine.Tests.Visualization;

/// <summary>The box outline against the pixels OpenCV 4.6's cv2.rectangle(..., thickness 3) really sets.</summary>
public class CvRectangleOutlineTests
{
    public static TheoryData<int, int, int, int, int, int> Cases()
    {
        var data = new TheoryData<int, int, int, int, int, int>();
        foreach (var c in OpenCvFixture.Load())
        {
            data.Add(c.X1, c.Y1, c.X2, c.Y2, c.Width, c.Height);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outline_sets_exactly_the_pixels_opencv_sets(int x1, int y1, int x2, int y2, int width, int height)
    {
        var expected = OpenCvFixture.Load().Single(c => (c.X1, c.Y1, c.X2, c.Y2, c.Width, c.Height) == (x1, y1, x2, y2, width, height));
        using var canvas = RgbCanvas.Black(width, height);
        CvRectangleOutline.Draw(canvas, x1, y1, x2, y2, new RgbColor(255, 0, 0));
        int mismatches = 0;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bool drawn = canvas.Bitmap.GetPixel(x, y).Red == 255;
                mismatches += drawn == expected.Mask[y][x] ? 0 : 1;
            }
        }
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Fixture_holds_every_case()
    {
        Assert.Equal(6, OpenCvFixture.Load().Count);
    }

    private sealed record OpenCvFixture(int X1, int Y1, int X2, int Y2, int Width, int Height, bool[][] Mask)
    {
        public static IReadOnlyList<OpenCvFixture> Load()
        {
            var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Visualization", "Fixtures", "opencv_rectangle_t3.txt"));
            var cases = new List<OpenCvFixture>();
            for (int i = 0; i < lines.Length;)
            {
                var head = lines[i].Split(' ');
                Assert.Equal("rect", head[0]);
                var v = head.Skip(1).Select(int.Parse).ToArray();
                var mask = lines.Skip(i + 1).Take(v[5]).Select(row => row.Select(ch => ch == '#').ToArray()).ToArray();
                Assert.All(mask, row => Assert.Equal(v[4], row.Length));
                cases.Add(new OpenCvFixture(v[0], v[1], v[2], v[3], v[4], v[5], mask));
                i += 1 + v[5];
            }
            return cases;
        }
    }
}
