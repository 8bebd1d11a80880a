using LostEngine.Checkpoints;

namespace LostEngine.Tests.Checkpoints;

/// <summary>
/// Where the backbone sits in a checkpoint: plain, under teacher or student, behind module. and backbone. prefixes,
/// under a DINOv2 training checkpoint's model with teacher./student. keys; and what is refused on the way.
/// </summary>
public sealed class StateDictLayoutTests
{
    private const string Fixture = "dino_s8_backbone";

    [Fact]
    public void A_dinov2_training_checkpoints_model_entry_gives_the_chosen_networks_backbone()
    {
        var teacher = CheckpointBytes.FixtureTensors(Fixture);
        var student = CheckpointBytes.FixtureTensors("dino_s8_views");
        var model = teacher.Select(t => t with { Name = "teacher.backbone." + t.Name })
            .Concat(student.Select(t => t with { Name = "student.backbone." + t.Name }))
            .Append(SavedTensor.Float32("teacher.dino_head.mlp.0.weight", [4, 32], new float[128]))
            .ToList();
        var bytes = CheckpointBuilder.Build(model, ["model"]);

        var readTeacher = CheckpointBytes.Read(bytes, CheckpointBytes.Options(Fixture));
        var readStudent = CheckpointBytes.Read(bytes, CheckpointBytes.Options(Fixture) with { CheckpointKey = "student" });

        Assert.Equal(teacher[5].StorageBytes, Bytes(readTeacher.Tensors[teacher[5].Name].Values));
        Assert.Equal(student[5].StorageBytes, Bytes(readStudent.Tensors[student[5].Name].Values));
        Assert.Equal(teacher.Count, readTeacher.Tensors.Count);
    }

    [Fact]
    public void Module_prefixes_are_removed_from_a_plain_state_dict()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture);

        var checkpoint = CheckpointBytes.Read(CheckpointBuilder.Build(tensors, keyPrefix: "module."), CheckpointBytes.Options(Fixture));

        Assert.Contains("blocks.1.mlp.fc2.bias", checkpoint.Tensors.Keys);
    }

    [Fact]
    public void A_training_checkpoint_without_the_chosen_network_lists_its_entries()
    {
        var bytes = CheckpointBuilder.Build(CheckpointBytes.FixtureTensors(Fixture), ["teacher"]);

        var error = CheckpointBytes.Refused(bytes, CheckpointBytes.Options(Fixture) with { CheckpointKey = "student" });

        Assert.Equal($"{CheckpointBytes.Source}: the training checkpoint has no 'student' entry (entries: teacher).", error.Message);
    }

    [Fact]
    public void A_pickle_of_a_list_is_not_a_state_dict()
    {
        var error = CheckpointBytes.Refused(TorchZip.Checkpoint(new PickleWriter().EmptyList().Stop().ToArray()));

        Assert.Equal($"{CheckpointBytes.Source}: holds a list of 0, not a state dict.", error.Message);
    }

    [Fact]
    public void A_state_dict_entry_that_is_no_tensor_is_named()
    {
        var pickle = new PickleWriter().Global("collections", "OrderedDict").EmptyTuple().Reduce()
            .Str("cls_token").Int(3).SetItem().Stop().ToArray();

        var error = CheckpointBytes.Refused(TorchZip.Checkpoint(pickle));

        Assert.Equal("cls_token", error.Tensor);
        Assert.Contains("state dict entry 'cls_token' holds the int 3, not a tensor", error.Message);
    }

    [Fact]
    public void Keys_that_collide_once_prefixes_go_are_refused()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture);
        tensors.Add(tensors[0] with { Name = "module." + tensors[0].Name });

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Equal("two state dict entries are named 'cls_token' once their prefixes are removed.", error.Problem);
    }

    [Fact]
    public void A_missing_tensor_is_named_with_its_expected_shape()
    {
        var tensors = CheckpointBytes.FixtureTensors("dinov2_s14_layerscale").Where(t => t.Name != "blocks.1.ls2.gamma").ToList();

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options("dinov2_s14_layerscale"));

        Assert.Equal("blocks.1.ls2.gamma", error.Tensor);
        Assert.Equal("tensor 'blocks.1.ls2.gamma': expected (32,), found none (for DINOv2 ViT/14, 2 blocks, 32 dims, 2 heads, no registers, layer scale).", error.Problem);
    }

    [Fact]
    public void An_extra_tensor_is_named_with_its_shape()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture);
        tensors.Add(SavedTensor.Float32("head.weight", [10, 32], new float[320]));

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Equal("head.weight", error.Tensor);
        Assert.StartsWith("tensor 'head.weight': expected no such tensor, found (10, 32)", error.Problem);
    }

    [Fact]
    public void A_misshapen_tensor_is_named_with_both_shapes()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture)
            .Select(t => t.Name == "blocks.1.mlp.fc1.weight" ? SavedTensor.Float32(t.Name, [100, 32], new float[3200]) : t).ToList();

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Equal("blocks.1.mlp.fc1.weight", error.Tensor);
        Assert.StartsWith("tensor 'blocks.1.mlp.fc1.weight': expected (128, 32), found (100, 32)", error.Problem);
    }

    [Fact]
    public void A_position_embedding_of_no_square_grid_is_refused()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture)
            .Select(t => t.Name == "pos_embed" ? SavedTensor.Float32(t.Name, [1, 4, 32], new float[128]) : t).ToList();

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Equal("tensor 'pos_embed': expected (1, 1 + side * side, 32) for a square grid, found (1, 4, 32).", error.Problem);
    }

    [Fact]
    public void A_state_dict_without_blocks_is_no_vision_transformer()
    {
        var tensors = CheckpointBytes.FixtureTensors(Fixture).Where(t => !t.Name.StartsWith("blocks.", StringComparison.Ordinal)).ToList();

        var error = CheckpointBytes.Refused(CheckpointBuilder.Build(tensors), CheckpointBytes.Options(Fixture));

        Assert.Equal("has no blocks.<i>.* tensors: not a vision transformer's state dict.", error.Problem);
    }

    private static byte[] Bytes(float[] values) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
}
