using System.Security.Cryptography;
using System.Text;

namespace Coopdir.Core.Exports;

/// <summary>
/// RFC 9562 version 5 UUIDs in the URL namespace: formats that want UUIDs (HSDS) get the same one
/// for the same record every time, derived from the record's URL.
/// </summary>
public static class NameBasedUuid
{
    private static readonly byte[] UrlNamespace = Guid.Parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8").ToByteArray(bigEndian: true);

    public static Guid ForUrl(string url)
    {
        var name = Encoding.UTF8.GetBytes(url);
        var hash = SHA1.HashData([.. UrlNamespace, .. name]);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
