using LostEngine.Evaluation;

namespace LostEngine.Tests.Evaluation;

public class BoxIoUTests
{
    [Fact]
    public void Overlapping_squares_match_the_hand_computed_ratio()
    {
        // inter 5*5 = 25, union 100 + 100 - 25 = 175.
        double iou = BoxIoU.Compute(new BoundingBox(0, 0, 10, 10), new BoundingBox(5, 5, 15, 15));
        Assert.Equal(25.0 / 175.0, iou, 1e-6);
    }

    [Fact]
    public void Disjoint_and_touching_boxes_have_zero_iou()
    {
        Assert.Equal(0, BoxIoU.Compute(new BoundingBox(0, 0, 10, 10), new BoundingBox(10, 0, 20, 10)));
        Assert.Equal(0, BoxIoU.Compute(new BoundingBox(0, 0, 10, 10), new BoundingBox(30, 30, 40, 40)));
    }

    [Fact]
    public void An_integer_box_covering_exactly_half_counts_as_the_reference_float32_does()
    {
        var half = new BoundingBox(0, 0, 10, 5);
        var whole = new BoundingBox(0, 0, 10, 10);
        Assert.Equal(0.5, BoxIoU.Compute(half, whole));
        Assert.True(BoxIoU.Localises(half, whole));
    }

    [Fact]
    public void A_fractional_box_covering_exactly_half_falls_just_short_as_in_float64()
    {
        var half = new BoundingBox(0.5, 0, 10.5, 5);
        var whole = new BoundingBox(0.5, 0, 10.5, 10);
        double iou = BoxIoU.Compute(half, whole);
        Assert.True(iou < 0.5 && iou > 0.4999999, $"IoU {iou:R}");
        Assert.False(BoxIoU.Localises(half, whole));
    }

    [Fact]
    public void Float64_path_follows_the_reference_formula_term_by_term()
    {
        var a = new BoundingBox(1.25, 2.5, 30.75, 40);
        var b = new BoundingBox(10, 0, 50.5, 35.25);
        double inter = (30.75 - 10) * (35.25 - 2.5);
        double union = (30.75 - 1.25) * (40 - 2.5 + 1e-7) + (50.5 - 10) * (35.25 - 0 + 1e-7) - inter + 1e-7;
        Assert.Equal(inter / union, BoxIoU.Compute(a, b));
    }
}
