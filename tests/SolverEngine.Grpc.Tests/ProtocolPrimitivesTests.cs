using System.Buffers;
using System.IO.Compression;
using System.IO.Pipelines;
using Google.Protobuf;
using SolverEngine.Grpc.Internal;
using SolverEngine.Grpc.Tests.Echo;

namespace SolverEngine.Grpc.Tests;

public class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("1500n", 15L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    [InlineData("0m", 0L)]
    public void Parses_every_unit(string header, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("10x")]
    [InlineData("-5S")]
    [InlineData("1.5S")]
    [InlineData("123456789S")]
    [InlineData(" 5S")]
    public void Rejects_malformed_values(string header)
    {
        Assert.False(GrpcTimeout.TryParse(header, out _));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(10_000L)]
    [InlineData(12_345_678L)]
    [InlineData(36_000_000_000L)]
    [InlineData(864_000_000_000_000L)]
    public void Format_round_trips_without_shortening_the_timeout(long ticks)
    {
        var text = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));
        Assert.InRange(text.Length, 2, 9);
        Assert.True(GrpcTimeout.TryParse(text, out var parsed), text);
        Assert.True(parsed.Ticks >= ticks, $"{text} parsed to {parsed.Ticks} ticks < {ticks}");
    }

    [Fact]
    public void Format_of_zero_or_negative_is_the_smallest_timeout()
    {
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.Zero));
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-3)));
    }
}

public class PercentEncodingTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("a\tb\n", "a%09b%0A")]
    [InlineData("\u263a", "%E2%98%BA")]
    [InlineData("\U0001f608", "%F0%9F%98%88")]
    public void Encodes_non_printable_and_percent_as_utf8_escapes(string value, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Encode(value));
        Assert.Equal(value, PercentEncoding.Decode(expected));
    }

    [Fact]
    public void Round_trips_the_interop_special_status_message()
    {
        const string message = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n";
        var encoded = PercentEncoding.Encode(message);
        Assert.All(encoded, c => Assert.InRange(c, (char)0x20, (char)0x7E));
        Assert.Equal(message, PercentEncoding.Decode(encoded));
    }

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%zz ok", "%zz ok")]
    [InlineData("%4", "%4")]
    [InlineData("lower %e2%98%ba", "lower \u263a")]
    public void Decoding_is_lenient_with_malformed_escapes(string value, string expected)
    {
        Assert.Equal(expected, PercentEncoding.Decode(value));
    }
}

public class MetadataTests
{
    [Fact]
    public void Keys_are_lower_cased_and_validated()
    {
        var md = new Metadata().Add("X-Custom", "v");
        Assert.Equal("x-custom", md[0].Key);
        Assert.Equal("v", md.GetValue("x-CUSTOM"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("bad key", "v"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("", "v"));
    }

    [Fact]
    public void Binary_keys_need_bytes_and_text_keys_need_printable_ascii()
    {
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("data-bin", "text"));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("data", new byte[] { 1 }));
        Assert.Throws<ArgumentException>(() => new Metadata.Entry("data", "line\nbreak"));
        var entry = new Metadata.Entry("data-bin", new byte[] { 0xab, 0xab, 0xab });
        Assert.True(entry.IsBinary);
        Assert.Equal("q6ur", MetadataCodec.ToHeaderValue(entry));
    }

    [Theory]
    [InlineData("AQID", new byte[] { 1, 2, 3 })]
    [InlineData("AQI", new byte[] { 1, 2 })]
    [InlineData("AQI=", new byte[] { 1, 2 })]
    [InlineData("AQ", new byte[] { 1 })]
    [InlineData("AQ==", new byte[] { 1 })]
    public void Binary_values_decode_padded_or_unpadded(string header, byte[] expected)
    {
        Assert.Equal(expected, MetadataCodec.DecodeBinary(header));
    }

    [Fact]
    public void Binary_encoding_is_unpadded()
    {
        Assert.Equal("AQ", MetadataCodec.EncodeBinary(new byte[] { 1 }));
        Assert.Throws<FormatException>(() => MetadataCodec.DecodeBinary("A"));
    }

    [Fact]
    public void Comma_joined_binary_values_become_separate_entries()
    {
        var md = new Metadata();
        MetadataCodec.AddReceived(md, "X-Data-Bin", "AQ,Ag==");
        Assert.Equal(2, md.Count);
        Assert.Equal(new byte[] { 1 }, md[0].ValueBytes);
        Assert.Equal(new byte[] { 2 }, md[1].ValueBytes);
    }
}

public class MessageFramingTests
{
    private static async Task<PipeReader> FramedAsync(Action<IBufferWriter<byte>> write, int chunk = int.MaxValue)
    {
        var staging = new ArrayBufferWriter<byte>();
        write(staging);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, resumeWriterThreshold: 0)); // no back-pressure: nobody reads yet
        var bytes = staging.WrittenMemory;
        // Deliver in small pieces so frames straddle buffer segments.
        for (var i = 0; i < bytes.Length; i += chunk)
        {
            await pipe.Writer.WriteAsync(bytes.Slice(i, Math.Min(chunk, bytes.Length - i)));
        }
        await pipe.Writer.CompleteAsync();
        return pipe.Reader;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Messages_round_trip_across_segment_boundaries(bool compress)
    {
        var messages = new[] { new EchoReply { Text = "a" }, new EchoReply(), new EchoReply { Text = new string('x', 100_000), Index = 7 } };
        var reader = await FramedAsync(w =>
        {
            foreach (var m in messages) MessageFraming.WriteMessage(w, m, compress, CompressionLevel.Fastest, null);
        }, chunk: 3);

        foreach (var expected in messages)
        {
            var (message, compressed) = await MessageFraming.ReadMessageAsync(reader, EchoReply.Parser, compress ? "gzip" : null, null, default);
            Assert.Equal(expected, message);
            Assert.Equal(compress, compressed);
        }
        var (end, _) = await MessageFraming.ReadMessageAsync(reader, EchoReply.Parser, null, null, default);
        Assert.Null(end);
    }

    [Fact]
    public async Task Frame_header_is_flag_then_big_endian_length()
    {
        var staging = new ArrayBufferWriter<byte>();
        var message = new EchoReply { Text = "hi" };
        MessageFraming.WriteMessage(staging, message, false, CompressionLevel.Fastest, null);
        var bytes = staging.WrittenSpan.ToArray();
        Assert.Equal(new byte[] { 0, 0, 0, 0, (byte)message.CalculateSize() }, bytes[..5]);
        Assert.Equal(message.ToByteArray(), bytes[5..]);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Over_the_limit_is_resource_exhausted()
    {
        var reader = await FramedAsync(w => MessageFraming.WriteMessage(w, new EchoReply { Text = new string('x', 2000) }, false, CompressionLevel.Fastest, null));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(reader, EchoReply.Parser, null, 1000, default));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("1000", ex.Status.Detail);
    }

    [Fact]
    public async Task Decompressed_size_counts_against_the_limit()
    {
        // 200 KB of one letter compresses to far under 1 KB; the limit must apply after inflating.
        var reader = await FramedAsync(w => MessageFraming.WriteMessage(w, new EchoReply { Text = new string('x', 200_000) }, true, CompressionLevel.Optimal, null));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(reader, EchoReply.Parser, "gzip", 10_000, default));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public void Sending_over_the_limit_is_resource_exhausted()
    {
        var ex = Assert.Throws<RpcException>(() => MessageFraming.WriteMessage(new ArrayBufferWriter<byte>(), new EchoReply { Text = new string('x', 50) }, false, CompressionLevel.Fastest, 10));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Truncated_frame_is_internal()
    {
        var reader = await FramedAsync(w => w.Write(new byte[] { 0, 0, 0, 0, 10, 1, 2 }));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(reader, EchoReply.Parser, null, null, default));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Theory]
    [InlineData(null, StatusCode.Internal)]
    [InlineData("identity", StatusCode.Internal)]
    [InlineData("snappy", StatusCode.Unimplemented)]
    public async Task Compressed_message_without_a_usable_encoding_fails(string? encoding, StatusCode expected)
    {
        var reader = await FramedAsync(w => MessageFraming.WriteMessage(w, new EchoReply { Text = "z" }, true, CompressionLevel.Fastest, null));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(reader, EchoReply.Parser, encoding, null, default));
        Assert.Equal(expected, ex.StatusCode);
    }

    [Fact]
    public async Task Invalid_compressed_flag_is_internal()
    {
        var reader = await FramedAsync(w => w.Write(new byte[] { 7, 0, 0, 0, 0 }));
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await MessageFraming.ReadMessageAsync(reader, EchoReply.Parser, null, null, default));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }
}

public class RpcStatusDetailsTests
{
    [Fact]
    public void Round_trips_code_message_and_field_violations()
    {
        var details = new RpcStatusDetails(3, "bad request \u263a",
            [new FieldViolation("model.lines[3].rate", "must be > 0"), new FieldViolation("horizon", "is empty")]);
        var parsed = RpcStatusDetails.Parse(details.ToByteArray());
        Assert.Equal(3, parsed.Code);
        Assert.Equal(details.Message, parsed.Message);
        Assert.Equal(details.FieldViolations, parsed.FieldViolations);
    }
}
