using LostEngine.Datasets;
using LostEngine.PseudoLabels;
using LostEngine.Tests.Evaluation;

namespace LostEngine.Tests.Detectors;

/// <summary>The image sizes pseudo-labels need, as the dataset readers give them, and clusters found under path keys.</summary>
public class ImageSizeTests
{
    [Fact]
    public void Voc_sizes_come_from_the_annotation_and_are_null_without_one()
    {
        using var folder = new TempFolder();
        VocFixture.WriteAnnotation(folder, "VOC2007", "000001", 120, 80, VocFixture.Object(1, 1, 10, 10));
        folder.Write("VOC2007/Annotations/000002.xml",
            $"<annotation><filename>000002.jpg</filename><size><width>wide</width><height>9</height></size>{VocFixture.Object(1, 1, 5, 5)}</annotation>");
        folder.Write("VOC2007/ImageSets/Main/trainval.txt", "000001\n000002\n");
        var images = VocGroundTruthReader.Read(new VocGroundTruthOptions(folder.File("VOC2007"))).Images;
        Assert.Equal((120, 80), (images[0].Width, images[0].Height));
        Assert.Equal((null, null), (images[1].Width, images[1].Height));
    }

    [Fact]
    public void Coco_sizes_are_kept_when_they_are_positive_whole_numbers()
    {
        using var folder = new TempFolder();
        string annotations = folder.Write("instances.json", """
            {"images": [{"id": 1, "file_name": "a.jpg", "width": 640, "height": 480.0},
                        {"id": 2, "file_name": "b.jpg", "width": 640.5, "height": 480},
                        {"id": 3, "file_name": "c.jpg", "width": 0, "height": 480},
                        {"id": 4, "file_name": "d.jpg"}],
             "annotations": []}
            """);
        Directory.CreateDirectory(folder.File("images"));
        var images = CocoGroundTruthReader.Read(new CocoGroundTruthOptions(annotations, folder.File("images"))).Images;
        Assert.Equal([(640, 480), (null, 480), (null, 480), (null, null)], images.Select(i => (i.Width, i.Height)));
    }

    [Fact]
    public void A_cluster_is_found_under_the_key_localize_gives_an_image_in_a_subfolder()
    {
        var clusters = new ClusterAssignments(["val/000005.jpg", "000007", "train/000009.jpg"], [4, 2, 0]);
        GroundTruthImage Image(string name) => new(name, name, name, null, [], GroundTruthStatus.Evaluated, null);
        Assert.Equal(4, clusters.LabelOf(Image("000005.jpg")));
        Assert.Equal(2, clusters.LabelOf(Image("000007.jpg")));
        Assert.Null(clusters.LabelOf(Image("000011.jpg")));
        Assert.Equal(5, clusters.ClusterCount);
    }
}
