using LostEngine.Datasets;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// Broken COCO annotations are read with issues or refused with a <see cref="LostInputException"/> naming the file;
/// nothing else is thrown, the images come in increasing id order, and every box kept has finite corners.
/// </summary>
public sealed class CocoFuzzProperties : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [FuzzProperty(MaxTest = 600)]
    public void A_broken_annotations_file_is_read_with_issues_or_refused_as_an_input_error(CocoSetInput input)
    {
        string annotations = _folder.File("instances.json");
        File.WriteAllBytes(annotations, input.Annotations.Bytes);
        string? list = input.ImageList is null ? null : _folder.Write("list.txt", string.Join("\n", input.ImageList));

        GroundTruthSet set;
        try
        {
            set = CocoGroundTruthReader.Read(new CocoGroundTruthOptions(annotations, _folder.Path, list));
        }
        catch (LostInputException e)
        {
            Assert.Equal(annotations, e.InputName);
            return;
        }

        var ids = set.Images.Select(i => i.NumericId!.Value).ToList();
        Assert.Equal(ids.Order(), ids);
        foreach (var image in set.Images)
        {
            Assert.All(image.Boxes, box => Assert.True(box.ToArray().All(double.IsFinite), $"image {image.Key} kept the box {box}"));
        }
    }
}
