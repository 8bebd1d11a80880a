using System.Globalization;
using LostEngine.IO;

namespace LostEngine.Checkpoints;

/// <summary>
/// Reads DINO and DINOv2 backbones from PyTorch checkpoint files, without Python: the zip archives
/// <c>torch.save</c> has written since PyTorch 1.6 (the released <c>dino_*_pretrain.pth</c> and
/// <c>dinov2_*_pretrain.pth</c> files, DINO training checkpoints, DINOv2 evaluation checkpoints), with float32,
/// float16 or bfloat16 storages at any offset and stride.
/// </summary>
/// <remarks>
/// A checkpoint is untrusted input. Its pickle is run by a small machine that knows only the opcodes and globals
/// a state dict needs (<c>collections.OrderedDict</c>, <c>torch._utils._rebuild_tensor_v2</c>, the
/// <c>torch.*Storage</c> types, and the <c>argparse.Namespace</c> of a DINO training checkpoint's arguments) and
/// interprets them itself: nothing named in the file is ever looked up or run. Every size is checked against
/// <see cref="CheckpointLimits"/> before it is allocated or read, and every problem is a
/// <see cref="CheckpointFormatException"/> naming the file.
/// </remarks>
public static class PyTorchCheckpoint
{
    /// <summary>
    /// Reads the backbone in the checkpoint at <paramref name="path"/>: its tensors, keyed as in the released files,
    /// as float32, and the architecture they show.
    /// </summary>
    /// <param name="path">A <c>torch.save</c> file; only a regular file is opened.</param>
    /// <param name="limits">Bounds on sizes; <see cref="CheckpointLimits.Default"/> when null.</param>
    /// <param name="options">The network to take from a training checkpoint and the architecture to confirm;
    /// <see cref="CheckpointOptions.Default"/> when null.</param>
    /// <exception cref="CheckpointFormatException">The file is missing, unreadable, not a torch.save archive, past a
    /// limit, refused by the unpickler, or not a DINO/DINOv2 backbone agreeing with <paramref name="options"/>.</exception>
    /// <exception cref="LostInputException">A limit or an option is out of range.</exception>
    public static Checkpoint Read(string path, CheckpointLimits? limits = null, CheckpointOptions? options = null)
        => Read(path, limits, options, storageRead: null, CancellationToken.None);

    /// <summary>As <see cref="Read(string, CheckpointLimits?, CheckpointOptions?)"/>, telling <paramref name="storageRead"/>
    /// (bytes read, bytes to read) after each storage and stopping between storages when cancelled.</summary>
    internal static Checkpoint Read(string path, CheckpointLimits? limits, CheckpointOptions? options,
        Action<long, long>? storageRead, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= CheckpointLimits.Default;
        options ??= CheckpointOptions.Default;
        Validate(limits, options);
        try
        {
            using var handle = FileStatusProbe.OpenRegular(path, out var status)
                ?? throw new CheckpointFormatException(path, status.Kind == FileKind.Missing
                    ? "cannot be read: the file does not exist."
                    : $"is not a regular file but {status.Kind.Describe()}; only regular files are read.");
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16);
            return ReadChecked(stream, path, limits, options, storageRead, cancellation);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointFormatException(path, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Reads a checkpoint from a seekable stream, which stays the caller's; <paramref name="source"/> names it in errors.</summary>
    internal static Checkpoint Read(Stream stream, string source, CheckpointLimits? limits = null, CheckpointOptions? options = null)
    {
        limits ??= CheckpointLimits.Default;
        options ??= CheckpointOptions.Default;
        Validate(limits, options);
        try
        {
            return ReadChecked(stream, source, limits, options, null, CancellationToken.None);
        }
        catch (IOException e)
        {
            throw new CheckpointFormatException(source, $"cannot be read: {e.Message}", e);
        }
    }

    private static Checkpoint ReadChecked(Stream stream, string source, CheckpointLimits limits, CheckpointOptions options,
        Action<long, long>? storageRead, CancellationToken cancellation)
    {
        if (!stream.CanSeek)
        {
            throw new CheckpointFormatException(source, "cannot be read: a zip archive is read from a seekable file, not a pipe.");
        }
        using var archive = TorchZipArchive.Open(stream, source, limits);
        var root = PickleMachine.Load(archive.ReadPickle(), source, archive.PickleEntryName, limits);
        var state = StateDictExtractor.Extract(root, options.CheckpointKey, source);
        var architecture = ArchitectureInference.Infer(state.Select(entry => (entry.Name, entry.Tensor.Shape)).ToList(), options, source);
        var tensors = TensorMaterializer.Read(state, archive, source, limits, storageRead, cancellation);
        return new Checkpoint(source, tensors, architecture);
    }

    private static void Validate(CheckpointLimits limits, CheckpointOptions options)
    {
        AtLeast(limits.MaxEntries, 1, nameof(limits.MaxEntries));
        AtLeast(limits.MaxCentralDirectoryBytes, 1, nameof(limits.MaxCentralDirectoryBytes));
        AtLeast(limits.MaxPickleBytes, 1, nameof(limits.MaxPickleBytes));
        AtLeast(limits.MaxPickleStack, 1, nameof(limits.MaxPickleStack));
        AtLeast(limits.MaxPickleMemo, 1, nameof(limits.MaxPickleMemo));
        AtLeast(limits.MaxStorageBytes, 0, nameof(limits.MaxStorageBytes));
        AtLeast(limits.MaxTotalBytes, 0, nameof(limits.MaxTotalBytes));
        AtLeast(limits.MaxTensorElements, 0, nameof(limits.MaxTensorElements));
        AtLeast(limits.MaxCompressionRatio, 1, nameof(limits.MaxCompressionRatio));
        if (options.CheckpointKey is not ("teacher" or "student"))
        {
            throw new LostInputException(nameof(options.CheckpointKey),
                $"'{PrintableText.Escape(options.CheckpointKey ?? "")}' is neither 'teacher' nor 'student'.");
        }
        if (options.Arch is not null && OfficialSize.ByName(options.Arch) is null)
        {
            throw new LostInputException(nameof(options.Arch), $"'{PrintableText.Escape(options.Arch)}' is not an official model ({OfficialSize.Names}).");
        }
        AtLeast(options.Patch ?? 1, 1, nameof(options.Patch));
        AtLeast(options.Heads ?? 1, 1, nameof(options.Heads));
        AtLeast(options.Registers ?? 0, 0, nameof(options.Registers));
    }

    private static void AtLeast(double value, double minimum, string name)
    {
        if (!(value >= minimum))
        {
            throw new LostInputException(name, string.Create(CultureInfo.InvariantCulture, $"is {value}, less than its minimum of {minimum}."));
        }
    }
}
