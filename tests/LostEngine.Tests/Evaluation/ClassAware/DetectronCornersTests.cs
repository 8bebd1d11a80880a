using LostEngine.Evaluation.ClassAware;
using LostEngine.Evaluation.Detections;

namespace LostEngine.Tests.Evaluation.ClassAware;

/// <summary>What the class-aware evaluation makes of one results entry's box: detectron2's BoxMode.convert, then the +1 of the minima.</summary>
public sealed class DetectronCornersTests
{
    // Expected values printed by NumPy doing what torch does in BoxMode.convert (see make_apeval.py's stub).
    [Theory]
    [InlineData("[10.1, 20.7, 30.3, 40.9]", 11.100000381469727, 21.700000762939453, 40.400001525878906, 61.60000228881836)]
    [InlineData("[16777216, 3, 1, 5]", 16777217, 4, 16777217, 8)]
    [InlineData("[16777216, 3, 1.0, 5]", 16777217, 4, 16777216, 8)]
    public void A_box_is_converted_in_the_type_torch_gives_it(string bbox, double x1, double y1, double x2, double y2)
    {
        using var folder = new TempFolder();
        string path = folder.Write("r.json", $$"""[{"image_id": "a", "category_id": 0, "score": 1, "bbox": {{bbox}}}]""");

        var entry = DetectronCorners.Of(DetectionResultsReader.Read(path).Entries[0]);

        Assert.Equal((x1, y1, x2, y2), (entry.X1, entry.Y1, entry.X2, entry.Y2));
    }
}
