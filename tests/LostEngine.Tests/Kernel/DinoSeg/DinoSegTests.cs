using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>DINO-seg on hand-made attention maps where the components are known.</summary>
public sealed class DinoSegTests
{
    [Fact]
    public void One_foreground_component_is_boxed_by_the_intended_rule_and_the_background_by_the_reference()
    {
        // 3x4 grid; the background's nine cells of 10 hold 23% of the mass, so exactly cells 5, 6, 10 are kept.
        float[] attention = [10, 10, 10, 10, 10, 100, 100, 10, 10, 10, 100, 10];
        var workspace = new DinoSegWorkspace(12);

        var intended = DinoSeg.Run(attention, 1, 0, 3, 4, 16, referenceCompatible: false, workspace);
        Assert.True(intended.HasObject);
        Assert.Equal(1, intended.Label);
        Assert.Equal(new LostEngine.Kernel.PixelBox(16, 16, 48, 48), intended.Box);

        var reference = DinoSeg.Run(attention, 1, 0, 3, 4, 16, referenceCompatible: true, workspace);
        Assert.Equal(0, reference.Label);
        Assert.Equal(new LostEngine.Kernel.PixelBox(0, 0, 64, 48), reference.Box);
    }

    [Fact]
    public void Equal_components_go_to_the_lowest_label_and_the_reference_skips_the_last()
    {
        // 1x12: components {0,1}, {3,4}, {6}; the first two tie. The background (9 each) holds 39% of the mass.
        float[] attention = [20, 20, 9, 20, 20, 9, 20, 9, 9, 9, 9, 9];
        var workspace = new DinoSegWorkspace(12);

        var intended = DinoSeg.Run(attention, 1, 0, 1, 12, 8, referenceCompatible: false, workspace);
        Assert.Equal(3, intended.ComponentCount);
        Assert.Equal(1, intended.Label);
        Assert.Equal(new LostEngine.Kernel.PixelBox(0, 0, 16, 8), intended.Box);

        // Reference: labels 1..2 considered (3 never), 1 and 2 tie, argmax keeps 1.
        Assert.Equal(1, DinoSeg.Run(attention, 1, 0, 1, 12, 8, referenceCompatible: true, workspace).Label);
    }

    [Fact]
    public void The_reference_never_considers_the_last_label_even_when_it_is_the_largest()
    {
        // 1x12: components {0}, {2}, {4,5,6,7}; the largest is the last label. The background holds 33% of the mass.
        float[] attention = [20, 10, 20, 10, 20, 20, 20, 20, 10, 10, 10, 10];
        var workspace = new DinoSegWorkspace(12);
        Assert.Equal(3, DinoSeg.Run(attention, 1, 0, 1, 12, 8, false, workspace).Label);
        Assert.Equal(1, DinoSeg.Run(attention, 1, 0, 1, 12, 8, true, workspace).Label);
    }

    [Fact]
    public void The_chosen_head_is_read()
    {
        float[] attention = [9, 0, 0, 0, /* head 1: */ 0, 0, 0, 9];
        var workspace = new DinoSegWorkspace(4);
        Assert.Equal(new LostEngine.Kernel.PixelBox(0, 0, 1, 1), DinoSeg.Run(attention, 2, 0, 1, 4, 1, false, workspace).Box);
        Assert.Equal(new LostEngine.Kernel.PixelBox(3, 0, 4, 1), DinoSeg.Run(attention, 2, 1, 1, 4, 1, false, workspace).Box);
    }

    [Fact]
    public void A_head_out_of_range_is_an_input_error()
    {
        var e = Assert.Throws<LostInputException>(() => DinoSeg.Run(new float[8], 2, 2, 1, 4, 16, false, new DinoSegWorkspace(4)));
        Assert.Equal("dinoseg_head", e.InputName);
    }

    [Fact]
    public void A_call_allocates_nothing()
    {
        var attention = new float[6 * 40 * 30];
        for (int i = 0; i < attention.Length; i++)
        {
            attention[i] = (i * 7919 % 1000) / 1000f;
        }
        var workspace = new DinoSegWorkspace(1200);
        DinoSeg.Run(attention, 6, 4, 30, 40, 16, false, workspace);
        long before = GC.GetAllocatedBytesForCurrentThread();
        DinoSeg.Run(attention, 6, 4, 30, 40, 16, false, workspace);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
