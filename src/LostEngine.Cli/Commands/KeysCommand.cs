using System.CommandLine;
using System.Text.Json;
using LostEngine.IO;
using LostEngine.Kernel;

namespace LostEngine.Cli.Commands;

/// <summary><c>lost keys KEYS.npy --grid ROWSxCOLS</c>: LOST on keys saved from a ViT, one JSON object on stdout.</summary>
internal static class KeysCommand
{
    internal static Command Create()
    {
        var keys = new Argument<string>("keys") { Description = "A .npy file of float32/16/64 keys, shape (N, d), (1, N, d), or (1, N+1, d) with --drop-cls." };
        var grid = new Option<string>("--grid") { HelpName = "ROWSxCOLS", Description = "The padded patch grid, ROWSxCOLS (N = rows·cols).", Required = true };
        var patch = new Option<int>("--patch") { Description = "Pixels per patch cell.", DefaultValueFactory = _ => 16 };
        var imageSize = new Option<string?>("--image-size") { HelpName = "HxW", Description = "The image before padding, HxW in pixels (default: the padded grid)." };
        var k = new Option<int>("--k") { Description = "Potentials kept for the seed expansion.", DefaultValueFactory = _ => LostParameters.DefaultKPatches };
        var details = new Option<bool>("--details") { Description = "Also print degrees, similars and the component's cells." };
        var dropCls = new Option<bool>("--drop-cls") { Description = "The first of N+1 rows is the CLS token; skip it." };
        var kernel = new KernelOptionArguments();

        var command = new Command("keys", "Run LOST on saved patch keys and print the box as JSON.");
        command.Arguments.Add(keys);
        command.Options.Add(grid);
        command.Options.Add(patch);
        command.Options.Add(imageSize);
        command.Options.Add(k);
        command.Options.Add(details);
        command.Options.Add(dropCls);
        kernel.AddTo(command);

        command.SetAction(parseResult => CommandErrors.Run(parseResult, r =>
        {
            string path = r.GetValue(keys)!;
            var cells = SizeArgument.Parse(r.GetValue(grid)!, "--grid", "ROWSxCOLS");
            int patchSize = r.GetValue(patch);
            if (patchSize < 1)
            {
                throw new LostInputException("--patch", $"must be at least 1, got {patchSize}.");
            }
            var image = r.GetValue(imageSize) is { } text
                ? SizeArgument.Parse(text, "--image-size", "HxW")
                : new SizeArgument(cells.First * patchSize, cells.Second * patchSize);
            var parameters = LostParameters.ForVit(cells.First, cells.Second, patchSize, image.First, image.Second, r.GetValue(k));
            parameters.Validate();
            var options = kernel.Read(r);

            var array = NpyReader.Read(path);
            var (offset, dim) = KeysLayout.Fit(array, path, cells.First, cells.Second, r.GetValue(dropCls));
            int n = parameters.PatchCount;
            using var workspace = new LostWorkspace(n, dim, options);
            LostResult result;
            try
            {
                result = LostKernel.Run(array.Values.AsSpan(offset, n * dim), dim, parameters, workspace);
            }
            catch (LostInputException e) when (e.InputName == "keys")
            {
                throw new LostInputException(path, e.Problem, e);
            }
            OneLineJson.WriteObject(r.InvocationConfiguration.Output, json => WriteResult(json, result, workspace, r.GetValue(details)));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void WriteResult(Utf8JsonWriter json, in LostResult result, LostWorkspace workspace, bool details)
    {
        json.WriteBoolean("object", result.HasObject);
        if (result.HasObject)
        {
            json.WriteNumber("seed", result.Seed);
            var box = result.Box;
            json.WriteIntArray("box", [box.X1, box.Y1, box.X2, box.Y2]);
            var cells = result.BoxPatches;
            json.WriteIntArray("box_patches", [cells.YMin, cells.XMin, cells.YMax, cells.XMax]);
            json.WriteNumber("component_size", result.ComponentSize);
        }
        else
        {
            json.WriteString("reason", result.ReasonText);
        }
        if (!details)
        {
            return;
        }
        json.WriteIntArray("degrees", workspace.Degrees);
        json.WriteIntArray("similars", workspace.Similars);
        json.WriteStartArray("component");
        var component = workspace.Component;
        for (int cell = 0; cell < component.Length; cell++)
        {
            if (component[cell] != 0)
            {
                json.WriteNumberValue(cell);
            }
        }
        json.WriteEndArray();
    }
}
