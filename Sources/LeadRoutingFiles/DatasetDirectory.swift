public enum DatasetDirectory {}
