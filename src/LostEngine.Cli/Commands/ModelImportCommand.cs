using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LostEngine.Checkpoints;
using LostEngine.Cli.Outputs;
using LostEngine.Cli.Progress;
using LostEngine.Cli.Runs;
using LostEngine.ModelImport;

namespace LostEngine.Cli.Commands;

/// <summary>
/// <c>lost model import CKPT --output MODEL.onnx</c>: a DINO or DINOv2 PyTorch checkpoint into the engine's ONNX
/// model, in pure .NET; says on stderr what architecture it found and prints one JSON line with the files and times.
/// </summary>
internal static class ModelImportCommand
{
    internal static Command Create()
    {
        var checkpoint = new Argument<string>("checkpoint")
        {
            Description = "A torch.save checkpoint: a released DINO/DINOv2 backbone (.pth) or a DINO training checkpoint.",
        };
        var output = new Option<string>("--output", "-o") { HelpName = "MODEL.onnx", Description = "The ONNX model to write.", Required = true };
        var key = new Option<string>("--checkpoint-key") { Description = "The network of a training checkpoint: teacher (default) or student.", DefaultValueFactory = _ => "teacher" };
        key.AcceptOnlyFromAmong("teacher", "student");
        var arch = new Option<string?>("--arch") { Description = $"Confirm the model size ({OfficialSize.Names}); inferred from the tensors when left out." };
        arch.AcceptOnlyFromAmong([.. OfficialSize.All.Select(size => size.Name)]);
        var patch = new Option<int?>("--patch") { Description = "Confirm the patch size; read from the patch embedding when left out." };
        var registers = new Option<int?>("--registers") { Description = "Confirm the number of register tokens; read from register_tokens when left out." };
        var heads = new Option<int?>("--heads") { Description = "Attention heads, for a width no official model has (the official count otherwise)." };
        var external = new Option<bool>("--external-data") { Description = "Write the weights to MODEL.onnx.data beside the model (the default only past ONNX's 2 GiB single-file limit)." };
        var single = new Option<bool>("--single-file") { Description = "Keep the weights inside the model; refused past ONNX's 2 GiB limit." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an existing --output model; without it an existing file is refused." };
        var quiet = new Option<bool>("--quiet") { Description = "Show no progress on stderr." };
        var command = new Command("import", "Import a DINO or DINOv2 PyTorch checkpoint into an ONNX model for --model, without Python. " + ExitCodes.Help)
        {
            checkpoint, output, key, arch, patch, registers, heads, external, single, overwrite, quiet,
        };
        command.SetAction(parse => CommandErrors.Run(parse, _ =>
        {
            string source = parse.GetValue(checkpoint)!;
            string model = parse.GetValue(output)!;
            var checkpointOptions = new CheckpointOptions
            {
                CheckpointKey = parse.GetValue(key)!,
                Arch = parse.GetValue(arch),
                Patch = AtLeast(parse.GetValue(patch), 1, "--patch"),
                Registers = AtLeast(parse.GetValue(registers), 0, "--registers"),
                Heads = AtLeast(parse.GetValue(heads), 1, "--heads"),
            };
            bool? externalData = ExternalData(parse.GetValue(external), parse.GetValue(single));
            RequireOutput(model, source, parse.GetValue(overwrite));
            var mode = parse.GetValue(quiet) ? ProgressMode.Quiet : ProgressMode.Auto;
            var error = parse.InvocationConfiguration.Error;

            // The import stops at its next storage or block and removes its partial files before the process ends.
            using var stop = new SignalStop();
            var result = ImportProgressDisplay.Run(Path.GetFileName(source), mode, error, progress => Import(source, model, new CheckpointImportOptions
            {
                Checkpoint = checkpointOptions,
                ExternalData = externalData,
                Progress = progress,
                CancellationToken = stop.Token,
            }));
            var written = result.Written;
            if (mode != ProgressMode.Quiet)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Architecture.Describe()}: '{written.ModelPath}' ({Megabytes.Of(written.TotalBytes)}), read in {result.ReadTime.TotalSeconds:0.0} s, written in {result.WriteTime.TotalSeconds:0.0} s"));
            }
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
            {
                checkpoint = Path.GetFullPath(source),
                model = written.ModelPath,
                external_data = written.ExternalDataPath,
                bytes = written.TotalBytes,
                architecture = result.Architecture.Describe(),
                arch = result.Architecture.ArchName,
                template = written.TemplateName,
                prefix_tokens = 1 + result.Architecture.RegisterTokens,
                read_seconds = Math.Round(result.ReadTime.TotalSeconds, 3),
                write_seconds = Math.Round(result.WriteTime.TotalSeconds, 3),
            }));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static CheckpointImportResult Import(string source, string model, CheckpointImportOptions options)
    {
        try
        {
            return CheckpointImport.Run(source, model, options);
        }
        catch (LostInputException e) when (e.InputName == "architecture")
        {
            // The library names the architecture it was given; the user gave the checkpoint.
            throw new LostInputException(source, e.Problem, e);
        }
    }

    private static int? AtLeast(int? value, int minimum, string option) => value < minimum
        ? throw new LostInputException(option, string.Create(CultureInfo.InvariantCulture, $"is {value}; it must be at least {minimum}."))
        : value;

    private static bool? ExternalData(bool external, bool single) => (external, single) switch
    {
        (true, true) => throw new LostInputException("--single-file", "contradicts --external-data: give one of them, or neither to decide by size."),
        (true, false) => true,
        (false, true) => false,
        _ => null,
    };

    private static void RequireOutput(string model, string source, bool overwrite)
    {
        OutputChecks.Require([new OutputLocation("--output", model, OutputKind.File)], [source]);
        if (!overwrite && File.Exists(model))
        {
            throw new LostInputException("--output", $"'{model}' exists; give --overwrite to replace it.");
        }
    }
}
