/// KL's WHO-5 Questionnaire `KLToolsCareWHO-5` (FFInst guide, `hl7dk/KL-dk-tools`, `input/fsh/KLToolsCareWHO5.fsh`
/// and `KLToolsValueSets.fsh`): per item, in Spor's item order, its linkId, Danish text, SNOMED CT item code and
/// KL's answer codes (`KLToolsCodes`), indexed by the item value 0–5.
enum KLWHO5 {
    struct Item {
        var linkID: String
        var text: String
        var code: String
        var codeDisplay: String
        /// KL's answer code for each value, `answerCodes[value]`.
        var answerCodes: [String]
        /// The word KL's answer displays end in, such as `glad`.
        var word: String
    }

    /// The Questionnaire's code: SNOMED CT "5-item World Health Organization Well-being Index value".
    static let code = "1144665009"
    static let codeDisplay = "5-item World Health Organization Well-being Index value"

    static let items: [Item] = [
        Item(
            linkID: "happy", text: "I de sidste 2 uger har jeg været glad og i godt humør", code: "285854004",
            codeDisplay: "Emotion",
            answerCodes: [
                "d092cdf0-e4e0-4cf6-a506-0adf95f56a8d", "c4002c8a-91c5-4737-bba6-ce364e83fd28",
                "228ee58f-5785-4364-a99c-8ba99943f510", "a3779fc5-d7b3-4d03-bdaf-5ae5a40b0899",
                "9fd3c658-d0b7-4018-84e9-8588be7de478", "0e5aa952-d470-4219-b275-5e8204d96987",
            ], word: "glad"),
        Item(
            linkID: "calm", text: "I de sidste 2 uger har jeg følt mig rolig og afslappet", code: "285854004",
            codeDisplay: "Emotion",
            answerCodes: [
                "130fbd15-4718-4fb7-9592-d205f575bc9c", "1fb14510-ec20-4a8e-bc3a-d45fa83909c9",
                "d599f667-9300-432d-9edf-a1afa4c9af85", "1ab11c78-6258-4069-9065-0f076833b133",
                "b128508b-8ef8-4516-b8e1-f5af02a408f3", "b9eb352d-145d-4c45-8f8c-5b92474c4af1",
            ], word: "rolig"),
        Item(
            linkID: "active", text: "I de sidste 2 uger har jeg følt mig aktiv og energisk", code: "406202006",
            codeDisplay: "Træk vedr. energi",
            answerCodes: [
                "ccc3ecb4-3249-4c82-9c2b-dca72f4ba374", "08c8a19c-d135-4e05-a8d4-70c6da6f4842",
                "d9d031d9-3185-4f59-a125-ea5a3503011a", "f573ad27-7d00-4505-99ac-f0f35cd16e6a",
                "60da44d3-815e-426f-8c8a-0ae34d85863a", "3d3c13a6-befa-4a52-aef0-7e775ca11fdd",
            ], word: "aktiv"),
        Item(
            linkID: "rested", text: "I de sidste 2 uger er jeg vågnet frisk og udhvilet", code: "404949004",
            codeDisplay: "Hvilemønster",
            answerCodes: [
                "18c05b5f-97e6-4c08-a920-ec75a213f1f6", "2bd7d702-99ac-4acc-b3f6-a9833a32f7c8",
                "8f403657-cdbd-4d87-aefe-ab040a6db428", "0059dc5d-d174-45b9-a423-136e3d9c2bda",
                "b1375340-07a1-4ab4-9d3b-f5de61b878b5", "7aaccc2e-ead3-41f0-a9ba-091f2e539753",
            ], word: "frisk"),
        Item(
            linkID: "interest", text: "I de sidste 2 uger har min dagligdag været fyldt med ting der interesserer mig",
            code: "247752005", codeDisplay: "Interesseniveau",
            answerCodes: [
                "f97749b5-e689-40a4-9eda-0b0e35d185fc", "314ab944-2f8a-453d-8653-b46cacf5f480",
                "3c323281-fc96-47cb-b057-1dff2ffa835b", "392ee33f-e754-4443-a285-c19aff66726f",
                "b62a3f31-9b63-4b86-b5bd-edf300b9fbd6", "2ca88533-c048-4b2a-9ac2-2206b63a25ac",
            ], word: "interesseret"),
    ]
}
