namespace LostEngine.Tests.Evaluation;

/// <summary>
/// A COCO-format dataset: image 1 with a half-to-even box and a crowd box, image 2 only crowd,
/// image 3 no annotation, image 4 a malformed bbox, image 6 a plain box, one malformed image entry and
/// one annotation naming no image.
/// </summary>
internal static class CocoFixture
{
    public static (string Annotations, string Images) Create(TempFolder folder)
    {
        string annotations = folder.Write("coco/instances.json", """
            {
              "images": [
                {"id": 1, "file_name": "COCO_train2014_000000000001.jpg", "width": 100, "height": 100},
                {"id": 2, "file_name": "COCO_train2014_000000000002.jpg", "width": 100, "height": 100},
                {"id": 3, "file_name": "COCO_train2014_000000000003.jpg", "width": 100, "height": 100},
                {"id": 4, "file_name": "COCO_train2014_000000000004.jpg", "width": 100, "height": 100},
                {"id": "five", "file_name": "COCO_train2014_000000000005.jpg"},
                {"id": 6, "file_name": "COCO_train2014_000000000006.jpg", "width": 100, "height": 100}
              ],
              "annotations": [
                {"id": 10, "image_id": 1, "bbox": [0.5, 1.5, 10, 10], "iscrowd": 0, "category_id": 1},
                {"id": 11, "image_id": 1, "bbox": [0, 0, 100, 100], "iscrowd": 1, "category_id": 1},
                {"id": 12, "image_id": 2, "bbox": [0, 0, 100, 100], "iscrowd": 1, "category_id": 1},
                {"id": 13, "image_id": 4, "bbox": "bad", "iscrowd": 0, "category_id": 1},
                {"id": 14, "image_id": 6, "bbox": [20, 20, 40, 40], "iscrowd": 0, "category_id": 1},
                {"id": 15, "image_id": 99, "bbox": [0, 0, 1, 1], "iscrowd": 0, "category_id": 1}
              ],
              "categories": [{"id": 1, "name": "thing"}]
            }
            """);
        for (int id = 1; id <= 6; id++)
        {
            folder.Write($"coco/images/COCO_train2014_{id:D12}.jpg", "not decoded by the evaluation");
        }
        return (annotations, System.IO.Path.Combine(folder.Path, "coco", "images"));
    }

    /// <summary>Image 1 by id (exact), image 6 by file name (exact), image 2 by id (no non-crowd box).</summary>
    public const string Predictions = """
        {"1": [0, 2, 10, 12], "COCO_train2014_000000000006.jpg": [20, 20, 60, 60], "2": [0, 0, 100, 100]}
        """;
}
