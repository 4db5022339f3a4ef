import Foundation

/// Passwords that guessing tools try first, and the shape rules that catch their variants.
/// The list holds the most common choices of Chinese and international leaks that are at least
/// 8 characters long (shorter ones fail the length rule anyway).
enum CommonPasswords {
    static let list: Set<String> = [
        "12345678", "123456789", "1234567890", "0123456789", "87654321", "11111111", "00000000", "88888888",
        "66666666", "99999999", "12341234", "11223344", "12344321", "123123123", "147258369", "123456aa",
        "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "admin123", "admin1234",
        "administrator", "qwerty123", "qwertyuiop", "qwerty12", "1qaz2wsx", "1q2w3e4r", "1q2w3e4r5t", "qazwsxedc",
        "zxcvbnm1", "asdfghjkl", "a1234567", "a12345678", "a123456789", "aa123456", "abc12345", "abc123456",
        "abcd1234", "abcd12345", "1234qwer", "qwer1234", "q1w2e3r4", "woaini1314", "woaini520", "5201314520",
        "iloveyou", "iloveyou1", "welcome1", "welcome123", "sunshine", "princess", "football", "baseball",
        "superman", "trustno1", "letmein1", "monkey123", "dragon123", "123abc123", "aaaaaaaa", "abcdefgh",
        "jixiao123", "jixiao2026", "caizheng", "caizheng123", "zhangsan", "test1234", "test12345", "user1234",
        "changeme", "changeme1", "default1", "root1234", "china123", "beijing123", "shanghai", "huawei123",
    ]

    static func isCommon(_ password: String) -> Bool {
        let p = password.lowercased()
        if list.contains(p) { return true }
        let scalars = Array(p.unicodeScalars)
        // one character repeated, or a run up or down the keyboard's number row / the alphabet
        if Set(scalars).count <= 2 { return true }
        let steps = zip(scalars, scalars.dropFirst()).map { Int($1.value) - Int($0.value) }
        if Set(steps).count == 1, let s = steps.first, abs(s) == 1 { return true }
        return false
    }

    /// How many of: letters, digits, other characters.
    static func characterClasses(_ password: String) -> Int {
        var letters = false, digits = false, others = false
        for c in password {
            if c.isASCII && c.isLetter { letters = true } else if c.isNumber { digits = true } else { others = true }
        }
        return [letters, digits, others].count { $0 }
    }
}
