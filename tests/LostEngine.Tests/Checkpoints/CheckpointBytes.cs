using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>Reads checkpoints held in memory, as the file reader reads them, under the name <see cref="Source"/>.</summary>
internal static class CheckpointBytes
{
    public const string Source = "test.pth";

    public static Checkpoint Read(byte[] bytes, CheckpointOptions? options = null, CheckpointLimits? limits = null)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return PyTorchCheckpoint.Read(stream, Source, limits, options);
    }

    /// <summary>The error reading <paramref name="bytes"/> gives; it names <see cref="Source"/> and stays on one line.</summary>
    public static CheckpointFormatException Refused(byte[] bytes, CheckpointOptions? options = null, CheckpointLimits? limits = null)
    {
        var error = Assert.Throws<CheckpointFormatException>(() => Read(bytes, options, limits));
        Assert.Equal(Source, error.InputName);
        Assert.DoesNotContain(error.Message, char.IsControl);
        return error;
    }

    /// <summary>A fixture's tensors, to be changed and written again.</summary>
    public static List<SavedTensor> FixtureTensors(string name) => CheckpointBuilder.TensorsOf(CheckpointFixtures.Read(name));

    /// <summary>Options with the fixture's head count.</summary>
    public static CheckpointOptions Options(string name) => CheckpointFixtures.Manifest(name).Options;
}
