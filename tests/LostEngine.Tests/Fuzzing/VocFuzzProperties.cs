using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// A VOC set with broken annotations is read whole: every listed image once, each broken one unreadable with an
/// issue naming it, each valid annotation read under its own file name whatever its id looks like; nothing is thrown
/// but a <see cref="LostInputException"/>.
/// </summary>
public sealed class VocFuzzProperties : IDisposable
{
    // One set on disk for every case, rewritten in place: creating and deleting a folder per case costs more than the read.
    private readonly TempFolder _folder = new();
    private string[] _written = [];

    public void Dispose() => _folder.Dispose();

    [FuzzProperty(MaxTest = 250)]
    public void A_broken_set_is_read_with_issues_or_refused_as_an_input_error(VocInput input)
    {
        string root = Write(input);

        GroundTruthSet set;
        try
        {
            set = VocGroundTruthReader.Read(new VocGroundTruthOptions(root, "fuzz", input.NoHard));
        }
        catch (LostInputException)
        {
            return;
        }

        var ids = input.SetLines.Select(l => l.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .OfType<string>().Distinct().ToList();
        Assert.Equal(ids.Count, set.Images.Count);
        for (int i = 0; i < ids.Count; i++)
        {
            var image = set.Images[i];
            if (image.Status == GroundTruthStatus.Unreadable)
            {
                Assert.Contains(set.Issues, issue => issue.Item == ids[i] || issue.Item == image.Key);
            }
            if (input.Annotations.FirstOrDefault(a => a.Id == ids[i]) is { FileName: { } fileName })
            {
                Assert.True(image.Status != GroundTruthStatus.Unreadable, $"valid annotation of '{ids[i]}' read as unreadable: {image.Reason}");
                Assert.Equal(fileName, image.Key);
            }
        }
        Assert.All(set.Images.SelectMany(i => i.Boxes), box => Assert.True(box.X1 <= int.MaxValue && box.Y1 <= int.MaxValue, $"box {box}"));
    }

    private string Write(VocInput input)
    {
        string root = Path.Combine(_folder.Path, "VOC");
        string annotations = Path.Combine(root, "Annotations");
        Directory.CreateDirectory(annotations);
        foreach (string path in _written)
        {
            File.Delete(path);
        }
        _folder.Write("VOC/ImageSets/Main/fuzz.txt", string.Join("\n", input.SetLines));
        _written = input.Annotations.Select(a => Path.Combine(annotations, a.Id + ".xml")).ToArray();
        foreach (var (annotation, path) in input.Annotations.Zip(_written))
        {
            File.WriteAllBytes(path, annotation.Xml);
        }
        return root;
    }
}
