namespace LostEngine.ModelImport.Protobuf;

/// <summary>The field numbers of onnx.proto that the importer reads or writes.</summary>
internal static class OnnxFields
{
    public const int ModelGraph = 7;
    public const int ModelMetadataProps = 14;

    public const int GraphInitializer = 5;

    public const int TensorDims = 1;
    public const int TensorDataType = 2;
    public const int TensorFloatData = 4;
    public const int TensorInt32Data = 5;
    public const int TensorStringData = 6;
    public const int TensorInt64Data = 7;
    public const int TensorName = 8;
    public const int TensorRawData = 9;
    public const int TensorDoubleData = 10;
    public const int TensorUint64Data = 11;
    public const int TensorExternalData = 13;
    public const int TensorDataLocation = 14;

    public const int EntryKey = 1;
    public const int EntryValue = 2;

    /// <summary>TensorProto.DataType.FLOAT.</summary>
    public const int Float = 1;

    /// <summary>TensorProto.DataLocation.EXTERNAL.</summary>
    public const int External = 1;
}
