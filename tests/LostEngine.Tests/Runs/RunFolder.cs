using LostEngine.Tests.Model;

namespace LostEngine.Tests.Runs;

/// <summary>A temp folder of many small images (the tiny fixtures under new names), deleted on dispose.</summary>
internal sealed class RunFolder : IDisposable
{
    public RunFolder(int images, params string[] brokenNames)
    {
        Path = Fixtures.TempFolder();
        Images = System.IO.Path.Combine(Path, "images");
        Directory.CreateDirectory(Images);
        var sources = Fixtures.PngNames().Select(name => Fixtures.Tiny(name + ".png")).ToArray();
        for (int i = 0; i < images; i++)
        {
            System.IO.File.Copy(sources[i % sources.Length], System.IO.Path.Combine(Images, $"img_{i:D4}.png"));
        }
        foreach (string name in brokenNames)
        {
            System.IO.File.WriteAllText(System.IO.Path.Combine(Images, name), "this is not an image");
        }
    }

    public string Path { get; }

    public string Images { get; }

    public string File(params string[] names) => System.IO.Path.Combine([Path, .. names]);

    /// <summary>The arguments of a quiet <c>lost localize</c> of these images with the tiny model, writing <paramref name="output"/>.</summary>
    public string[] Localize(string output, params string[] extra) =>
        ["localize", Images, "--model", Fixtures.TinyModel, "--output", output, "--quiet", .. extra];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file a failed test still holds open must not hide that failure behind another.
        }
    }
}
