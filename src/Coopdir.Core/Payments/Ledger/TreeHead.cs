using System.Security.Cryptography;
using System.Text;

namespace Coopdir.Core.Payments.Ledger;

/// <summary>
/// A signed tree head: the log of <see cref="Currency"/> had <see cref="TreeSize"/> entries whose RFC 9162 root was
/// <see cref="RootHash"/> (hex) at <see cref="Timestamp"/>, signed by the operator's ECDSA P-256 key (SHA-256, IEEE
/// P1363 r||s, base64) over <see cref="SignedText"/>. Anyone holding an earlier head can ask for a consistency proof.
/// </summary>
public sealed record TreeHead(string Currency, long TreeSize, string RootHash, string Timestamp, string Signature)
{
    public const string Domain = "coopdir-ledger-v1";

    /// <summary>What is signed: one line per field, so no field can run into the next.</summary>
    public static byte[] SignedText(string currency, long size, string rootHex, string timestamp) =>
        Encoding.UTF8.GetBytes($"{Domain}\n{currency}\n{size}\n{rootHex}\n{timestamp}\n");

    public static TreeHead Sign(ECDsa key, string currency, long size, byte[] root, string timestamp)
    {
        var rootHex = Convert.ToHexStringLower(root);
        var signature = key.SignData(SignedText(currency, size, rootHex, timestamp), HashAlgorithmName.SHA256);
        return new TreeHead(currency, size, rootHex, timestamp, Convert.ToBase64String(signature));
    }

    /// <summary>Whether the signature is the holder of <paramref name="publicKey"/> (SubjectPublicKeyInfo, base64) signing this head.</summary>
    public bool IsSignedBy(string publicKey)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
            return key.VerifyData(SignedText(Currency, TreeSize, RootHash, Timestamp), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256);
        }
        catch (FormatException) { return false; }
        catch (CryptographicException) { return false; }
    }
}
